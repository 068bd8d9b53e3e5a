import { ExpenseCategory } from '@quotient/contracts';
import type { MetricContext, MetricDefinition, MetricResult } from '../definition';
import { nullBecause, ratio } from '../definition';
import { budgetCounter, COUNTERS as C, expenseCounter } from './counters';
import { round6 } from './support';

/**
 * All approved expenses ÷ all budget of the scope. A `total` budget, when set, is the scope's
 * whole budget; otherwise the category budgets add up to it (adding both would count twice).
 * Only budgets set for the scope itself count: an org budget is not summed from team budgets.
 */
const budgetUtilisation = (ctx: MetricContext): MetricResult => {
  const byCategory: Record<string, { expenses: number; budget: number; utilisation: number | null }> = {};
  let categoryBudgets = 0;
  for (const category of ExpenseCategory.options) {
    const expenses = ctx.sum(expenseCounter(category));
    const budget = ctx.sum(budgetCounter(category));
    categoryBudgets += budget;
    if (expenses !== 0 || budget !== 0) byCategory[category] = { expenses, budget, utilisation: budget === 0 ? null : round6(expenses / budget) };
  }
  const totalBudget = ctx.sum(budgetCounter('total'));
  const budget = totalBudget > 0 ? totalBudget : round6(categoryBudgets);
  const expenses = ctx.sum(C.expenses);
  const inputs = { expenses, budget, budgetBasis: totalBudget > 0 ? 'total' : 'categories', byCategory };
  return budget === 0 ? nullBecause('no budget set for this scope and period', inputs) : ratio(expenses, budget, inputs);
};

export const costMetrics: MetricDefinition[] = [
  {
    id: 'cost_of_sales_ratio',
    zh: '销售费用率',
    en: 'Cost of sales ratio',
    area: 'cost',
    unit: 'ratio',
    direction: 'lower',
    scopes: ['org', 'team', 'rep'],
    formula: 'approved expenses ÷ won revenue',
    compute: (ctx) => {
      const expenses = ctx.sum(C.expenses);
      const wonRevenue = ctx.sum(C.wonRevenue);
      return ratio(expenses, wonRevenue, { expenses, wonRevenue });
    },
  },
  {
    id: 'budget_utilisation',
    zh: '预算执行率',
    en: 'Budget utilisation',
    area: 'cost',
    unit: 'ratio',
    direction: 'neutral',
    scopes: ['org', 'team'],
    formula: "all approved expenses of the scope ÷ all budget of the scope; each category's own ratio in inputs",
    compute: budgetUtilisation,
  },
  {
    id: 'cac',
    zh: '获客成本',
    en: 'Customer acquisition cost',
    area: 'cost',
    unit: 'money',
    direction: 'lower',
    scopes: ['org', 'team', 'channel'],
    formula: 'approved marketing + entertainment + travel expenses ÷ new customers',
    compute: (ctx) => {
      const marketing = ctx.sum(expenseCounter('marketing'));
      const entertainment = ctx.sum(expenseCounter('entertainment'));
      const travel = ctx.sum(expenseCounter('travel'));
      const newCustomers = ctx.sum(C.newCustomers);
      return ratio(round6(marketing + entertainment + travel), newCustomers, { marketing, entertainment, travel, newCustomers });
    },
  },
  {
    id: 'marketing_roi',
    zh: '营销投入回报',
    en: 'Marketing ROI',
    area: 'cost',
    unit: 'ratio',
    direction: 'higher',
    scopes: ['channel', 'org'],
    // A customer's acquisition channel is the one it was registered with. For the org: the won
    // revenue of every registered customer and every marketing expense (with or without a channel).
    formula: '(won revenue from customers acquired via channel − marketing expenses of channel) ÷ marketing expenses of channel',
    compute: (ctx) => {
      const acquiredRevenue = ctx.sum(C.acquiredWonRevenue);
      const marketing = ctx.sum(expenseCounter('marketing'));
      return ratio(round6(acquiredRevenue - marketing), marketing, { acquiredRevenue, marketing });
    },
  },
];
