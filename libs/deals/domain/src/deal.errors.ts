import { DomainRuleViolation } from '@quotient/kernel';

export class DealAlreadyClosed extends DomainRuleViolation {
  constructor(dealId: string, status: 'won' | 'lost') {
    super('deal-already-closed', `Deal ${dealId} is already ${status}`, { dealId, dealStatus: status });
  }
}
