import type { MetricContext, MetricDefinition, MetricResult } from '../definition';
import { nullBecause, ratio, valueOf } from '../definition';
import { addDays, periodBounds } from '../periods';
import { COUNTERS as C } from './counters';

/**
 * Churned in period ÷ active at period start, read as the level at the end of the day before the
 * period's first day. Customers registered and churned within the period count above, not below.
 */
const churnRate = (ctx: MetricContext): MetricResult => {
  const churned = ctx.sum(C.churnedCustomers);
  const startDay = addDays(periodBounds(ctx.period).start, -1);
  const activeAtStart = ctx.levelOn(C.activeCustomers, ctx.scope, startDay);
  return ratio(churned, activeAtStart, { churned, activeAtStart });
};

/** Computed from the counters (not the rounded churn_rate) so no rounding compounds. */
const customerLifetimeValue = (ctx: MetricContext): MetricResult => {
  const wonRevenue = ctx.sum(C.wonRevenue);
  const activeCustomers = ctx.levelOn(C.activeCustomers);
  const churn = churnRate(ctx);
  const { churned, activeAtStart } = churn.inputs as { churned: number; activeAtStart: number };
  const inputs = { wonRevenue, activeCustomers, grossMargin: ctx.config.grossMargin, churnRate: churn.value };
  if (churn.value === null || churned === 0) return nullBecause('churn_rate is zero or null', inputs);
  if (activeCustomers === 0) return nullBecause('no active customers at period end', inputs);
  return valueOf(((wonRevenue / activeCustomers) * ctx.config.grossMargin * activeAtStart) / churned, inputs);
};

export const lifecycleMetrics: MetricDefinition[] = [
  {
    id: 'new_customers',
    zh: '新增客户数',
    en: 'New customers',
    area: 'lifecycle',
    unit: 'count',
    direction: 'higher',
    scopes: ['org', 'team', 'rep', 'channel', 'segment', 'region'],
    formula: 'customers registered in period',
    compute: (ctx) => valueOf(ctx.sum(C.newCustomers), { registered: ctx.sum(C.newCustomers) }),
  },
  {
    id: 'active_customers',
    levels: [C.activeCustomers],
    zh: '活跃客户数',
    en: 'Active customers',
    area: 'lifecycle',
    unit: 'count',
    direction: 'higher',
    scopes: ['org', 'team', 'segment'],
    formula: 'registered and not churned at end of period',
    compute: (ctx) => valueOf(ctx.levelOn(C.activeCustomers), { asOfDay: ctx.asOfDay }),
  },
  {
    id: 'churn_rate',
    levels: [C.activeCustomers],
    zh: '客户流失率',
    en: 'Churn rate',
    area: 'lifecycle',
    unit: 'ratio',
    direction: 'lower',
    scopes: ['org', 'team', 'segment'],
    formula: 'customers churned in period ÷ active customers at period start',
    compute: churnRate,
  },
  {
    id: 'retention_rate',
    levels: [C.activeCustomers],
    zh: '客户留存率',
    en: 'Retention rate',
    area: 'lifecycle',
    unit: 'ratio',
    direction: 'higher',
    scopes: ['org', 'team', 'segment'],
    formula: '1 − churn_rate',
    compute: (ctx) => {
      const churn = ctx.metric('churn_rate');
      return churn.value === null ? nullBecause('churn_rate is null', churn.inputs) : valueOf(1 - churn.value, { churnRate: churn.value });
    },
  },
  {
    id: 'repeat_purchase_rate',
    levels: [C.repeatCustomers, C.buyingCustomers],
    zh: '复购率',
    en: 'Repeat purchase rate',
    area: 'lifecycle',
    unit: 'ratio',
    direction: 'higher',
    scopes: ['org', 'team', 'segment'],
    // "To date" = up to the period's end (or now).
    formula: 'customers with ≥ 2 won deals to date ÷ customers with ≥ 1',
    compute: (ctx) => {
      const repeatCustomers = ctx.levelOn(C.repeatCustomers);
      const buyingCustomers = ctx.levelOn(C.buyingCustomers);
      return ratio(repeatCustomers, buyingCustomers, { repeatCustomers, buyingCustomers });
    },
  },
  {
    id: 'customer_lifetime_value',
    levels: [C.activeCustomers],
    zh: '客户终身价值',
    en: 'Customer lifetime value',
    area: 'lifecycle',
    unit: 'money',
    direction: 'higher',
    scopes: ['org', 'segment'],
    formula: '(won revenue in period ÷ active customers) × GROSS_MARGIN ÷ churn_rate; null when churn_rate is 0',
    compute: customerLifetimeValue,
  },
];
