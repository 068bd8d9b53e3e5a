import { api, CatalogueEntry, MetricView, Pipeline, Scorecard, TeamRoster } from './api';
import { trendOf } from './periods';
import { scopeOf, ViewState } from './state';

/** Everything one view shows, loaded together for one period, scope and `asOf`. */
export interface Snapshot {
  readonly period: string;
  readonly scope: string;
  readonly asOf: string | null;
  /** Values of the scope in the period, by metric id. */
  readonly metrics: Map<string, MetricView>;
  /** Trend periods (oldest first, the chosen one last) → values of the scope by metric id. */
  readonly trend: ReadonlyArray<{ readonly period: string; readonly metrics: Map<string, MetricView> }>;
  /** market_share in the period for org, every segment and region. */
  readonly market: readonly MetricView[];
  readonly pipeline: Pipeline | null;
  readonly teamCards: readonly Scorecard[];
  readonly repCards: readonly Scorecard[];
  readonly rosters: readonly TeamRoster[];
}

const byMetric = (views: readonly MetricView[]): Map<string, MetricView> => new Map(views.map((v) => [v.metric, v]));

/** A failed secondary read leaves its part empty instead of failing the whole view. */
const orElse = <T>(promise: Promise<T>, fallback: T): Promise<T> => promise.catch(() => fallback);

export const loadSnapshot = async (state: ViewState): Promise<Snapshot> => {
  const { period, asOf } = state;
  const scope = scopeOf(state);
  const periods = trendOf(period);
  const [trendViews, market, pipeline, teamCards, repCards, rosters] = await Promise.all([
    Promise.all(periods.map((p) => (p === period ? api.metrics(p, scope, asOf) : orElse(api.metrics(p, scope, asOf), [])))),
    orElse(api.metrics(period, null, asOf, 'market_share'), []),
    orElse(api.pipeline(period, scope, asOf), null),
    orElse(api.scorecards(period, 'team', asOf), []),
    orElse(api.scorecards(period, 'rep', asOf), []),
    orElse(api.teams(period, asOf), []),
  ]);
  const trend = periods.map((p, i) => ({ period: p, metrics: byMetric(trendViews[i]) }));
  return { period, scope, asOf, metrics: trend[trend.length - 1].metrics, trend, market, pipeline, teamCards, repCards, rosters };
};

/** The reps of a team in the period (drill-down from a team). */
export const repsOf = (snapshot: Snapshot, team: string): Set<string> => new Set(snapshot.rosters.find((r) => r.team === team)?.reps ?? []);

/** The team a rep belongs to, from the drill path or else the rosters. */
export const teamOf = (snapshot: Snapshot, path: readonly string[], rep: string): string | null =>
  path.find((s) => s.startsWith('team:')) ?? snapshot.rosters.find((r) => r.reps.includes(rep))?.team ?? null;

export const definedFor = (entry: CatalogueEntry, scope: string): boolean => (entry.scopes as readonly string[]).includes(scope === 'org' ? 'org' : scope.slice(0, scope.indexOf(':')));
