import type { MetricDefinition } from '../definition';
import { nullBecause, ratio, valueOf } from '../definition';
import { COUNTERS as C } from './counters';
import { perAverageHeadcount } from './formulas';

export const efficiencyMetrics: MetricDefinition[] = [
  {
    id: 'win_rate',
    zh: '赢单率',
    en: 'Win rate',
    area: 'efficiency',
    unit: 'ratio',
    direction: 'higher',
    scopes: ['org', 'team', 'rep', 'channel', 'segment'],
    formula: 'won ÷ (won + lost), by count, deals closed in period',
    compute: (ctx) => {
      const won = ctx.sum(C.wonDeals);
      const lost = ctx.sum(C.lostDeals);
      return ratio(won, won + lost, { won, lost });
    },
  },
  {
    id: 'win_rate_value',
    zh: '赢单金额率',
    en: 'Win rate by value',
    area: 'efficiency',
    unit: 'ratio',
    direction: 'higher',
    scopes: ['org', 'team', 'rep'],
    formula: 'won amount ÷ (won amount + lost amount)',
    compute: (ctx) => {
      const wonAmount = ctx.sum(C.wonRevenue);
      const lostAmount = ctx.sum(C.lostAmount);
      return ratio(wonAmount, wonAmount + lostAmount, { wonAmount, lostAmount });
    },
  },
  {
    id: 'avg_sales_cycle_days',
    zh: '平均销售周期',
    en: 'Average sales cycle',
    area: 'efficiency',
    unit: 'days',
    direction: 'lower',
    scopes: ['org', 'team', 'rep'],
    // Elapsed time in days (fractional), not calendar days: a deal opened and won within hours is ~0.
    formula: 'mean days from opened to won, deals won in period',
    compute: (ctx) => {
      const totalDays = ctx.sum(C.wonCycleDays);
      const wonDeals = ctx.sum(C.wonDeals);
      return ratio(totalDays, wonDeals, { totalDays, wonDeals });
    },
  },
  {
    id: 'avg_deal_size',
    zh: '平均成交金额',
    en: 'Average deal size',
    area: 'efficiency',
    unit: 'money',
    direction: 'higher',
    scopes: ['org', 'team', 'rep', 'channel', 'segment'],
    formula: 'won revenue ÷ won deals',
    compute: (ctx) => {
      const wonRevenue = ctx.sum(C.wonRevenue);
      const wonDeals = ctx.sum(C.wonDeals);
      return ratio(wonRevenue, wonDeals, { wonRevenue, wonDeals });
    },
  },
  {
    id: 'revenue_per_rep',
    levels: [C.headcount],
    zh: '人均销售额',
    en: 'Revenue per rep',
    area: 'efficiency',
    unit: 'per_rep',
    direction: 'higher',
    scopes: ['org', 'team'],
    formula: 'won revenue ÷ average headcount of active reps in period',
    compute: (ctx) => perAverageHeadcount(ctx, C.wonRevenue, 'wonRevenue'),
  },
  {
    id: 'activities_per_rep',
    levels: [C.headcount],
    zh: '人均销售活动',
    en: 'Activities per rep',
    area: 'efficiency',
    unit: 'per_rep',
    direction: 'higher',
    scopes: ['org', 'team'],
    formula: 'logged activities ÷ average headcount',
    compute: (ctx) => perAverageHeadcount(ctx, C.activities, 'activities'),
  },
  {
    id: 'sales_velocity',
    levels: [C.openDeals],
    zh: '销售速度',
    en: 'Sales velocity',
    area: 'efficiency',
    unit: 'money_per_day',
    direction: 'higher',
    scopes: ['org', 'team', 'rep'],
    // Open deals are counted at the period's end (or now), like the other "at period end" levels.
    formula: '(open deals × avg_deal_size × win_rate) ÷ avg_sales_cycle_days, per day',
    // Computed from the counters, not from the rounded metric values, so no rounding compounds.
    compute: (ctx) => {
      const openDeals = ctx.levelOn(C.openDeals);
      const wonRevenue = ctx.sum(C.wonRevenue);
      const won = ctx.sum(C.wonDeals);
      const lost = ctx.sum(C.lostDeals);
      const cycleDays = ctx.sum(C.wonCycleDays);
      const inputs = {
        openDeals,
        avgDealSize: ctx.metric('avg_deal_size').value,
        winRate: ctx.metric('win_rate').value,
        avgSalesCycleDays: ctx.metric('avg_sales_cycle_days').value,
      };
      if (won === 0) return nullBecause('no deals won in period: avg_deal_size and avg_sales_cycle_days are null', inputs);
      if (cycleDays === 0) return nullBecause('avg_sales_cycle_days is zero', inputs);
      // open × (revenue ÷ won) × (won ÷ (won + lost)) ÷ (cycle days ÷ won)
      return valueOf((openDeals * wonRevenue * won) / ((won + lost) * cycleDays), inputs);
    },
  },
];
