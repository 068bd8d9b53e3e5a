import { DomainRuleViolation } from '@quotient/kernel';

/** A churned customer gives no surveys and opens no complaints until reactivated. */
export class CustomerIsChurned extends DomainRuleViolation {
  constructor(customerId: string, churnedAt: string) {
    super('customer-churned', `Customer ${customerId} churned at ${churnedAt}; reactivate it first`, { customerId, churnedAt });
  }
}

export class CustomerAlreadyChurned extends DomainRuleViolation {
  constructor(customerId: string, churnedAt: string) {
    super('customer-already-churned', `Customer ${customerId} already churned at ${churnedAt}`, { customerId, churnedAt });
  }
}

export class CustomerNotChurned extends DomainRuleViolation {
  constructor(customerId: string) {
    super('customer-not-churned', `Customer ${customerId} is active; only a churned customer can be reactivated`, { customerId });
  }
}

/** Churn and reactivation follow each other in business time, or period-end counts go wrong. */
export class StatusChangeOutOfOrder extends DomainRuleViolation {
  constructor(customerId: string, statusSince: string, occurredAt: string) {
    super('status-change-out-of-order', `Customer ${customerId} changed status at ${statusSince}; occurredAt ${occurredAt} is earlier`, {
      customerId,
      statusSince,
      occurredAt,
    });
  }
}

export class ComplaintAlreadyResolved extends DomainRuleViolation {
  constructor(customerId: string, complaintId: string, resolvedAt: string) {
    super('complaint-already-resolved', `Complaint ${complaintId} of customer ${customerId} was already resolved at ${resolvedAt}`, {
      customerId,
      complaintId,
      resolvedAt,
    });
  }
}

export class ResolvedBeforeOpened extends DomainRuleViolation {
  constructor(complaintId: string, openedAt: string, occurredAt: string) {
    super('resolved-before-opened', `Complaint ${complaintId} was opened at ${openedAt}; it cannot be resolved at ${occurredAt}`, {
      complaintId,
      openedAt,
      occurredAt,
    });
  }
}
