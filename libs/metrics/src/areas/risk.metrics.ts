import type { MetricContext, MetricDefinition, MetricResult } from '../definition';
import { ratio, valueOf } from '../definition';
import { COUNTERS as C } from './counters';
import { round6 } from './support';

const TOP = 5;

/** Top-5 customers by won revenue in the period (ties broken by customer id, so the list is stable). */
const ranksAbove = (a: readonly [string, number], b: readonly [string, number]) => a[1] > b[1] || (a[1] === b[1] && a[0] < b[0]);

const revenueConcentration = (ctx: MetricContext): MetricResult => {
  // One pass keeping the top five in order: the sums are maintained per customer, no scope scan.
  const top: [string, number][] = [];
  for (const [child, revenue] of ctx.childSums(C.customerWonRevenue)) {
    if (revenue <= 0 || !child.startsWith('customer:')) continue;
    const entry: [string, number] = [child.slice('customer:'.length), revenue];
    if (top.length === TOP && !ranksAbove(entry, top[TOP - 1])) continue;
    let i = Math.min(top.length, TOP - 1);
    if (top.length === TOP) top.pop();
    while (i > 0 && ranksAbove(entry, top[i - 1])) i--;
    top.splice(i, 0, entry);
  }
  const topRevenue = round6(top.reduce((total, [, revenue]) => total + revenue, 0));
  const wonRevenue = ctx.sum(C.wonRevenue);
  return ratio(topRevenue, wonRevenue, { topRevenue, wonRevenue, topCustomers: top.map(([customerId, revenue]) => ({ customerId, revenue })) });
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
