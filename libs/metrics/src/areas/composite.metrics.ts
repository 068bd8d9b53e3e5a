import type { MetricContext, MetricDefinition, MetricResult, MetricsConfig } from '../definition';
import { nullBecause, valueOf } from '../definition';
import { scopeKind } from '../scopes';
import { COUNTERS as C } from './counters';
import { round6 } from './support';

type Weighted = keyof MetricsConfig['scoreWeights'];

interface SubScore {
  readonly value: number | null;
  readonly subScore: number | null;
  readonly reason?: unknown;
}

/**
 * The comparable revenue of a peer: revenue_per_rep for a team; for a rep — a team of one — its
 * own won revenue. Rep peers are the reps employed during the period or with revenue in it
 * (so a rep who left years ago is no peer); team peers are the teams with a revenue_per_rep.
 */
const peerValue = (ctx: MetricContext, scope: string): number | null => {
  if (scopeKind(scope) === 'team') return ctx.metric('revenue_per_rep', scope).value;
  const revenue = ctx.sum(C.wonRevenue, scope);
  return revenue > 0 || (ctx.averageLevel(C.headcount, scope) ?? 0) > 0 ? revenue : null;
};

/**
 * Percentile among peers = share of the other peers with a lower value, ties counting half
 * (mid-rank): the best of n gets 1, the worst 0, all equal 0.5. Null without another peer.
 */
export const revenuePercentile = (ctx: MetricContext): SubScore => {
  const own = peerValue(ctx, ctx.scope);
  if (own === null) return { value: null, subScore: null, reason: 'no revenue and not employed in period' };
  let lower = 0;
  let equal = 0;
  let others = 0;
  for (const peer of ctx.peers(scopeKind(ctx.scope) as 'team' | 'rep')) {
    if (peer === ctx.scope) continue;
    const value = peerValue(ctx, peer);
    if (value === null) continue;
    others++;
    if (value < own) lower++;
    else if (value === own) equal++;
  }
  if (others === 0) return { value: null, subScore: null, reason: 'no peers to compare with' };
  const percentile = (lower + equal / 2) / others;
  return { value: round6(percentile), subScore: percentile * 100 };
};

const fromMetric = (ctx: MetricContext, id: string, toScore: (value: number) => number): SubScore => {
  const result = ctx.metric(id);
  return result.value === null ? { value: null, subScore: null, reason: result.inputs.reason } : { value: result.value, subScore: toScore(result.value) };
};

/**
 * Weighted mean of the sub-scores that exist; null ones are left out and the weights of the
 * rest rescaled to sum to 1. Defined for teams and reps, so the percentile input is always the
 * revenue percentile (market_share would stand in for an org score).
 */
const score = (ctx: MetricContext): MetricResult => {
  const { scoreWeights: weights, costRatioCeiling } = ctx.config;
  const parts: Record<Weighted, SubScore> = {
    target_attainment: fromMetric(ctx, 'target_attainment', (v) => (Math.min(v, 1.2) / 1.2) * 100),
    csat: fromMetric(ctx, 'csat', (v) => v * 100),
    win_rate: fromMetric(ctx, 'win_rate', (v) => v * 100),
    market_or_revenue_percentile: revenuePercentile(ctx),
    cost_of_sales_ratio: fromMetric(ctx, 'cost_of_sales_ratio', (v) => 100 * (1 - Math.min(v / costRatioCeiling, 1))),
  };
  const used = (Object.keys(parts) as Weighted[]).filter((k) => parts[k].subScore !== null && weights[k] > 0);
  const leftOut = (Object.keys(parts) as Weighted[]).filter((k) => !used.includes(k));
  const weightUsed = used.reduce((total, k) => total + weights[k], 0);
  const subScores = Object.fromEntries(
    (Object.keys(parts) as Weighted[]).map((k) => {
      const { value, subScore, reason } = parts[k];
      const weight = used.includes(k) ? round6(weights[k] / weightUsed) : 0;
      return [k, { value, subScore: subScore === null ? null : round6(subScore), weight, defaultWeight: weights[k], ...(reason ? { reason } : {}) }];
    }),
  );
  const inputs = { subScores, used, leftOut, percentileOf: scopeKind(ctx.scope) === 'team' ? 'revenue_per_rep' : 'won_revenue' };
  if (used.length === 0) return nullBecause('every input is null', inputs);
  return valueOf(used.reduce((total, k) => total + (weights[k] / weightUsed) * (parts[k].subScore as number), 0), inputs);
};

export const compositeMetrics: MetricDefinition[] = [
  {
    id: 'sales_management_score',
    zh: '销售管理综合评分',
    en: 'Sales management score',
    area: 'composite',
    unit: 'score',
    direction: 'higher',
    scopes: ['team', 'rep'],
    formula:
      'weighted sub-scores (0–100): target_attainment min(v,1.2)÷1.2×100 (0.30), csat×100 (0.20), win_rate×100 (0.20), revenue_per_rep percentile among peers×100 (0.15), 100×(1 − min(cost_of_sales_ratio ÷ COST_RATIO_CEILING, 1)) (0.15); null inputs left out, weights rescaled',
    peerDependent: true,
    compute: score,
  },
];
