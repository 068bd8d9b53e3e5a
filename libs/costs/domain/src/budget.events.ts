import { type EventOf, Period } from '@quotient/contracts';
import { z } from 'zod';
import { BudgetCategory, BudgetScope } from './budget.commands';

export type BudgetSet = EventOf<'costs.BudgetSet'>;
export type BudgetEvent = BudgetSet;

/** One stream per scope+period+category: re-posting revises the same budget. */
export const budgetId = (b: { scope: string; period: string; category: string }): string => `${b.scope}.${b.period}.${b.category}`;
export const budgetStream = (id: string): string => `costs.budget-${id}`;

/** Period and category hold no dot, so the last two dot-separated parts are always they. */
const BUDGET_ID = /^(.+)\.([^.]+)\.([^.]+)$/;

/** A budget id as `budgetId` makes it, e.g. `team:north.2026-Q4.travel`. */
export const BudgetId = z.string().refine((id) => {
  const parts = BUDGET_ID.exec(id);
  return parts !== null && BudgetScope.safeParse(parts[1]).success && Period.safeParse(parts[2]).success && BudgetCategory.safeParse(parts[3]).success;
}, 'expected <scope>.<period>.<category>, e.g. team:north.2026-Q4.travel');
