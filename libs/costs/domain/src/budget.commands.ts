import { z } from 'zod';
import { ExpenseCategory, Money, Period } from '@quotient/contracts';
import type { Command } from '@quotient/kernel';

/** budget_utilisation is defined for the org and for teams only (METRICS.md §5). */
export const BudgetScope = z.string().regex(/^(org|team:[A-Za-z0-9_.\-]{1,100})$/, 'expected org or team:<id>; budgets are set for the org or a team');

/** A budget is set per expense category, or for the whole scope as `total`. */
export const BUDGET_CATEGORIES = [...ExpenseCategory.options, 'total'] as const;
export const BudgetCategory = z.enum(BUDGET_CATEGORIES);
export type BudgetCategory = z.infer<typeof BudgetCategory>;

export const SetBudgetData = z.object({ scope: BudgetScope, period: Period, category: BudgetCategory, amount: Money });

export type SetBudget = Command<'SetBudget', z.infer<typeof SetBudgetData>>;
export type BudgetCommand = SetBudget;
