import type { EventOf } from '@quotient/contracts';

export type ExpenseSubmitted = EventOf<'costs.ExpenseSubmitted'>;
export type ExpenseApproved = EventOf<'costs.ExpenseApproved'>;
export type ExpenseRejected = EventOf<'costs.ExpenseRejected'>;

export type ExpenseEvent = ExpenseSubmitted | ExpenseApproved | ExpenseRejected;

export const expenseStream = (expenseId: string): string => `costs.expense-${expenseId}`;
