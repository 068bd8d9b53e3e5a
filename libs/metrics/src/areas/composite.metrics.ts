import type { MetricContext, MetricDefinition, MetricResult, MetricsConfig } from '../definition';
import { nullBecause, valueOf } from '../definition';
import { ORG, scopeKind } from '../scopes';
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

interface PeerTable {
  readonly values: Map<string, number>;
  /** Every peer's value, ascending. */
  readonly sorted: number[];
}

/**
 * Peer values are computed once per evaluation pass and kind, not once per scope (which would be
 * quadratic in reps). The evaluator memoises results for the length of a pass, so a result object
 * it returns identifies the pass: tables hang off it and go when the pass's cache goes.
 */
const tables = new WeakMap<object, Map<string, PeerTable>>();

const peerTable = (ctx: MetricContext, kind: 'team' | 'rep'): PeerTable => {
  const pass = ctx.metric('revenue_per_rep', ORG);
  let byKind = tables.get(pass);
  if (!byKind) tables.set(pass, (byKind = new Map()));
  let table = byKind.get(kind);
  if (!table) {
    const values = new Map<string, number>();
    for (const peer of ctx.peers(kind)) {
      const value = peerValue(ctx, peer);
      if (value !== null) values.set(peer, value);
    }
    byKind.set(kind, (table = { values, sorted: [...values.values()].sort((a, b) => a - b) }));
  }
  return table;
};

/** How many of the ascending values are below `value` (strictly), by binary search. */
const countBelow = (sorted: readonly number[], value: number, orEqual: boolean): number => {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value || (orEqual && sorted[mid] === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/**
 * Percentile among peers = share of the other peers with a lower value, ties counting half
 * (mid-rank): the best of n gets 1, the worst 0, all equal 0.5. Null without another peer.
 */
const revenuePercentile = (ctx: MetricContext): SubScore => {
  const { values, sorted } = peerTable(ctx, scopeKind(ctx.scope) as 'team' | 'rep');
  const own = values.get(ctx.scope);
  if (own === undefined) return { value: null, subScore: null, reason: 'no revenue and not employed in period' };
  const others = sorted.length - 1;
  if (others === 0) return { value: null, subScore: null, reason: 'no peers to compare with' };
  const lower = countBelow(sorted, own, false);
  const equal = countBelow(sorted, own, true) - lower - 1;
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
    levels: [C.headcount],
    zh: '销售管理综合评分',
    en: 'Sales management score',
    area: 'composite',
    unit: 'score',
    direction: 'higher',
    scopes: ['team', 'rep'],
    formula:
      'weighted sub-scores (0–100): target_attainment min(v,1.2)÷1.2×100 (0.30), csat×100 (0.20), win_rate×100 (0.20), revenue_per_rep percentile among peers×100 (0.15), 100×(1 − min(cost_of_sales_ratio ÷ COST_RATIO_CEILING, 1)) (0.15); null inputs left out, weights rescaled',
    peerDependent: true,
    // Its other sub-scores are sums of its own scope and period: only the percentile moves with the peers.
    peerInput: (ctx) => {
      const percentile = revenuePercentile(ctx);
      return percentile.value ?? String(percentile.reason);
    },
    compute: score,
  },
];
