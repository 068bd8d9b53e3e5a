import { DomainRuleViolation } from '@quotient/kernel';

/** An expense is approved or rejected once; an approved expense is a cost for good (METRICS.md §5). */
export class ExpenseAlreadyDecided extends DomainRuleViolation {
  constructor(expenseId: string, status: 'approved' | 'rejected') {
    super('expense-already-decided', `Expense ${expenseId} is already ${status}`, { expenseId, expenseStatus: status });
  }
}
