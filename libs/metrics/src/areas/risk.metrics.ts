import type { MetricContext, MetricDefinition, MetricResult } from '../definition';
import { ratio, valueOf } from '../definition';
import { COUNTERS as C } from './counters';
import { round6 } from './support';

const TOP = 5;
const CUSTOMER = 'customer:';

/**
 * Top-5 customers by won revenue in the period (ties broken by customer id, so the list is stable),
 * from the scope's per-customer sums: the org's hold every customer (tens of thousands), so the
 * state keeps the top five up to date as they change instead of this ranking them all on every
 * evaluation of the org and each team.
 */
const revenueConcentration = (ctx: MetricContext): MetricResult => {
  const { children, values } = ctx.topChildren(C.customerWonRevenue, TOP, CUSTOMER);
  const topRevenue = round6(values.reduce((total, revenue) => total + revenue, 0));
  const wonRevenue = ctx.sum(C.wonRevenue);
  const topCustomers = children.map((child, i) => ({ customerId: child.slice(CUSTOMER.length), revenue: values[i] }));
  return ratio(topRevenue, wonRevenue, { topRevenue, wonRevenue, topCustomers });
};

export const riskMetrics: MetricDefinition[] = [
  {
    id: 'stalled_deals',
    levels: [C.stalledDeals],
    zh: '停滞商机数',
    en: 'Stalled deals',
    area: 'risk',
    unit: 'count',
    direction: 'lower',
    scopes: ['org', 'team', 'rep'],
    // Counted in calendar days: last touched on day D, stalled from day D + STALL_DAYS + 1.
    formula: 'open deals with no stage change, amount change or activity for more than STALL_DAYS (default 14) days, evaluated at period end or now',
    compute: (ctx) => valueOf(ctx.levelOn(C.stalledDeals), { asOfDay: ctx.asOfDay, stallDays: ctx.config.stallDays }),
  },
  {
    id: 'revenue_concentration',
    zh: '客户集中度',
    en: 'Revenue concentration',
    area: 'risk',
    unit: 'ratio',
    direction: 'lower',
    scopes: ['org', 'team'],
    formula: 'won revenue of the top 5 customers ÷ all won revenue',
    compute: revenueConcentration,
  },
  {
    id: 'at_risk_customers',
    levels: [C.atRiskCustomers],
    zh: '风险客户数',
    en: 'At-risk customers',
    area: 'risk',
    unit: 'count',
    direction: 'lower',
    scopes: ['org', 'team'],
    // "Latest survey" of either kind, by business time; the customer's current team.
    formula: 'active customers whose latest survey is csat ≤ 2 or nps ≤ 6, or with an open high-severity complaint',
    compute: (ctx) => valueOf(ctx.levelOn(C.atRiskCustomers), { asOfDay: ctx.asOfDay }),
  },
];
