import { z } from 'zod';
import { ExpenseCategory, Identifier, IsoDateTime, Period, Scope } from './vocabulary';

export const BudgetSet = z.object({
  scope: Scope,
  period: Period,
  category: z.string(),
  amount: z.number(),
  previousAmount: z.number().nullable(),
});

export const ExpenseFacts = z.object({
  expenseId: Identifier,
  repId: Identifier,
  teamId: Identifier,
  category: ExpenseCategory,
  amount: z.number(),
  channel: Identifier.nullable(),
});
export type ExpenseFacts = z.infer<typeof ExpenseFacts>;

export const ExpenseSubmitted = ExpenseFacts;
/** `incurredAt` is the expense's own business time: the period it counts in once approved. */
export const ExpenseApproved = ExpenseFacts.extend({ incurredAt: IsoDateTime });
export const ExpenseRejected = ExpenseFacts.extend({ incurredAt: IsoDateTime, reason: z.string() });

export const costsEventSchemas = {
  'costs.BudgetSet': BudgetSet,
  'costs.ExpenseSubmitted': ExpenseSubmitted,
  'costs.ExpenseApproved': ExpenseApproved,
  'costs.ExpenseRejected': ExpenseRejected,
} as const;
