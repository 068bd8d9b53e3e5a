import type { MetricContext, MetricDefinition, MetricResult } from '../definition';
import { nullBecause, ratio } from '../definition';
import { COUNTERS as C, targetCounter } from './counters';

/**
 * Actual ÷ the target set for exactly this scope and period. Targets are positive, so a zero
 * counter means "none set"; an org target is never summed from team targets (METRICS.md §1).
 */
const attainment = (ctx: MetricContext, actualCounter: string, measure: string, actualName: string): MetricResult => {
  const actual = ctx.sum(actualCounter);
  const target = ctx.sum(targetCounter(measure));
  if (target === 0) return nullBecause(`no ${measure} target set for this scope and period`, { [actualName]: actual, target: null });
  return ratio(actual, target, { [actualName]: actual, target });
};

export const targetMetrics: MetricDefinition[] = [
  {
    id: 'target_attainment',
    zh: '销售目标达成率',
    en: 'Target attainment',
    area: 'target',
    unit: 'ratio',
    direction: 'higher',
    scopes: ['org', 'team', 'rep'],
    formula: 'won revenue in period ÷ revenue target for that scope+period',
    compute: (ctx) => attainment(ctx, C.wonRevenue, 'revenue', 'wonRevenue'),
  },
  {
    id: 'won_deals_attainment',
    zh: '成交数达成率',
    en: 'Won deals attainment',
    area: 'target',
    unit: 'ratio',
    direction: 'higher',
    scopes: ['org', 'team', 'rep'],
    formula: 'won deals ÷ wonDeals target',
    compute: (ctx) => attainment(ctx, C.wonDeals, 'wonDeals', 'wonDeals'),
  },
  {
    id: 'new_customer_attainment',
    zh: '新客户达成率',
    en: 'New customer attainment',
    area: 'target',
    unit: 'ratio',
    direction: 'higher',
    scopes: ['org', 'team', 'rep'],
    formula: 'new customers ÷ newCustomers target',
    compute: (ctx) => attainment(ctx, C.newCustomers, 'newCustomers', 'newCustomers'),
  },
  {
    id: 'pipeline_coverage',
    zh: '管道覆盖率',
    en: 'Pipeline coverage',
    area: 'target',
    unit: 'ratio',
    direction: 'higher',
    scopes: ['org', 'team', 'rep'],
    formula: 'open pipeline with expectedCloseDate in period ÷ (target − won revenue); null when target met',
    compute: (ctx) => {
      const openPipeline = ctx.sum(C.openPipeline);
      const wonRevenue = ctx.sum(C.wonRevenue);
      const target = ctx.sum(targetCounter('revenue'));
      const inputs = { openPipeline, target, wonRevenue };
      if (target === 0) return nullBecause('no revenue target set for this scope and period', { ...inputs, target: null });
      const gap = Math.round((target - wonRevenue) * 1e6) / 1e6;
      if (gap <= 0) return nullBecause('target met: nothing left to cover', { ...inputs, gap });
      return ratio(openPipeline, gap, { ...inputs, gap });
    },
  },
];
