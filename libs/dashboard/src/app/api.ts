import type { CatalogueEntry, MetricChanged, MetricDirection, MetricUnit, ProjectionSettings, MetricView as PublishedMetricView } from '@quotient/contracts';

/** The projection service's read API, as the dashboard uses it (same origin, nothing else). */
export type { CatalogueEntry };
export type Unit = MetricUnit;
export type Direction = MetricDirection;
export type Inputs = Record<string, unknown>;

/** A metric value as the dashboard holds it: read once, then moved in place by each MetricChanged. */
export type MetricView = { -readonly [K in keyof PublishedMetricView]: PublishedMetricView[K] };

export interface SubScore {
  readonly value: number | null;
  readonly subScore: number | null;
  readonly weight: number;
  readonly defaultWeight: number;
  readonly reason?: string;
}

export interface Scorecard {
  readonly rank: number | null;
  readonly scope: string;
  readonly score: number | null;
  readonly inputs: { readonly subScores?: Record<string, SubScore>; readonly reason?: string };
}

export interface Tally {
  readonly deals: number;
  readonly amount: number;
}

export interface Pipeline {
  readonly stages: ReadonlyArray<{ readonly stage: string; readonly open: Tally; readonly lost: Tally }>;
  readonly won: Tally;
}

export interface TeamRoster {
  readonly team: string;
  readonly reps: readonly string[];
}

export interface ProjectionStatus {
  readonly lag: number;
  readonly eventsPerSecond: number;
  readonly version: number;
  readonly lastError?: string | null;
}

export type Change = MetricChanged & { readonly seq: number };

export interface History {
  readonly unit: Unit;
  readonly changes: readonly Change[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const query = (params: Record<string, string | null | undefined>): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
};

const get = async <T>(path: string, params: Record<string, string | null | undefined> = {}): Promise<T> => {
  const response = await fetch(`${path}${query(params)}`, { headers: { accept: 'application/json' } });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { detail?: string; title?: string };
    throw new ApiError(response.status, problem.detail ?? problem.title ?? response.statusText);
  }
  return (await response.json()) as T;
};

/** Every read takes the same `asOf` (null = live), so a historical view is one consistent replay. */
export const api = {
  catalogue: () => get<CatalogueEntry[]>('catalogue'),
  settings: () => get<ProjectionSettings>('settings'),
  metrics: (period: string, scope: string | null, asOf: string | null, metric?: string) =>
    get<MetricView[]>('metrics', { period, scope, asOf, metric }),
  scorecards: (period: string, level: 'team' | 'rep', asOf: string | null) =>
    get<{ scorecards: Scorecard[] }>('scorecards', { period, level, asOf }).then((r) => r.scorecards),
  pipeline: (period: string, scope: string, asOf: string | null) => get<Pipeline>('pipeline', { period, scope, asOf }),
  teams: (period: string, asOf: string | null) => get<{ teams: TeamRoster[] }>('teams', { period, asOf }).then((r) => r.teams),
  history: (metric: string, scope: string, period: string) => get<History>(`metrics/${encodeURIComponent(metric)}/history`, { scope, period, limit: '200' }),
  status: () => get<ProjectionStatus>('projection/status'),
};
