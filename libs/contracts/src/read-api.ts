/**
 * The projection's read API (DESIGN.md §4) as its clients read it: the dashboard, the demo's
 * checks, downstream services. Types only: the server builds these shapes, clients import them.
 */

export type MetricArea = 'target' | 'satisfaction' | 'efficiency' | 'market' | 'cost' | 'lifecycle' | 'forecast' | 'channel' | 'risk' | 'training' | 'composite';
export type MetricUnit = 'ratio' | 'score' | 'nps' | 'hours' | 'days' | 'count' | 'money' | 'money_per_day' | 'per_rep';
/** Which way is good: drives colours and the composite. */
export type MetricDirection = 'higher' | 'lower' | 'neutral';

/** One metric's value for a scope and period: `GET /metrics`, `GET /metrics/:metric`. */
export interface MetricView {
  readonly metric: string;
  readonly name: { readonly zh: string; readonly en: string };
  readonly area: MetricArea;
  readonly scope: string;
  readonly period: string;
  /** null for a zero denominator, with `inputs.reason`. */
  readonly value: number | null;
  readonly unit: MetricUnit;
  readonly direction: MetricDirection;
  readonly inputs: Record<string, unknown>;
  /** The position of the event that last changed the stored value, in `source`'s log (null: never stored). */
  readonly position: number | null;
  /** The log `position` is in: the context of that event (deals, customers, costs, training). */
  readonly source: string | null;
  /** When the projection last stored a change of this value. */
  readonly updatedAt: string | null;
  readonly previousPeriod: string;
  readonly previousPeriodValue: number | null;
  /** Period-over-period change: value minus the previous period's value. */
  readonly delta: number | null;
}

/** A metric of the catalogue: `GET /catalogue`. */
export interface CatalogueEntry {
  readonly id: string;
  readonly zh: string;
  readonly en: string;
  readonly area: MetricArea;
  readonly unit: MetricUnit;
  readonly direction: MetricDirection;
  readonly scopes: readonly string[];
  /** The formula in words, as METRICS.md writes it (shown on the dashboard). */
  readonly formula: string;
}

/** What the metrics are computed with (`GET /settings`): the configuration in effect, for readers and auditors. */
export interface ProjectionSettings {
  /** Money amounts are in this currency (BASE_CURRENCY). */
  readonly baseCurrency: string;
  readonly grossMargin: number;
  readonly stallDays: number;
  readonly costRatioCeiling: number;
  readonly scoreWeights: Readonly<Record<string, number>>;
}
