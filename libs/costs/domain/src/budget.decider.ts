import { Decider, ensureNotBeforeCreation, roundMoney, StoredDomainEvent, unreachable } from '@quotient/kernel';
import type { BudgetCommand, SetBudget } from './budget.commands';
import { budgetId, BudgetEvent, BudgetSet } from './budget.events';

export type Budget =
  | { readonly status: 'none' }
  | {
      readonly status: 'set';
      readonly scope: string;
      readonly period: string;
      readonly category: string;
      readonly amount: number;
      readonly previousAmount: number | null;
      readonly setAt: string;
    };

export const initialBudget = (): Budget => ({ status: 'none' });

/** Setting a budget again revises it; setting the same amount again changes nothing. */
const setBudget = ({ data, metadata }: SetBudget, budget: Budget): BudgetEvent[] => {
  if (budget.status === 'set') ensureNotBeforeCreation('budget', budgetId(data), budget.setAt, metadata.occurredAt);
  const previousAmount = budget.status === 'set' ? budget.amount : null;
  const amount = roundMoney(data.amount);
  if (previousAmount === amount) return [];
  return [{ type: 'costs.BudgetSet', data: { scope: data.scope, period: data.period, category: data.category, amount, previousAmount } }];
};

export const decideBudget = (command: BudgetCommand, budget: Budget): BudgetEvent[] => {
  switch (command.type) {
    case 'SetBudget':
      return setBudget(command, budget);
    default:
      // A one-member union does not narrow to never as a whole; its discriminant does.
      return unreachable(command.type);
  }
};

export const evolveBudget = (budget: Budget, event: StoredDomainEvent<BudgetSet>): Budget => {
  switch (event.type) {
    case 'costs.BudgetSet':
      return { status: 'set', ...event.data, setAt: budget.status === 'set' ? budget.setAt : event.occurredAt };
    default:
      return unreachable(event.type);
  }
};

export const budgetDecider: Decider<BudgetCommand, Budget, BudgetEvent> = {
  decide: decideBudget,
  evolve: evolveBudget,
  initialState: initialBudget,
};
