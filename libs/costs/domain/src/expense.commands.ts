import { z } from 'zod';
import { ExpenseCategory, Identifier, Money } from '@quotient/contracts';
import type { Command } from '@quotient/kernel';

export const SubmitExpenseData = z.object({
  expenseId: Identifier,
  repId: Identifier,
  teamId: Identifier,
  category: ExpenseCategory,
  amount: Money,
  channel: Identifier.optional(),
});
export const ApproveExpenseData = z.object({ expenseId: Identifier });
export const RejectExpenseData = z.object({ expenseId: Identifier, reason: z.string().trim().min(1).max(500) });

export type SubmitExpense = Command<'SubmitExpense', z.infer<typeof SubmitExpenseData>>;
export type ApproveExpense = Command<'ApproveExpense', z.infer<typeof ApproveExpenseData>>;
export type RejectExpense = Command<'RejectExpense', z.infer<typeof RejectExpenseData>>;

export type ExpenseCommand = SubmitExpense | ApproveExpense | RejectExpense;
