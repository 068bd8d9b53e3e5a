import type { CatalogueEntry, QuotientEvent, ScopeKind } from '@quotient/contracts';
import type { Entry } from './entries';
import type { TopChildren } from './sum-totals';

export type { MetricArea, MetricDirection, MetricUnit } from '@quotient/contracts';

export interface MetricResult {
  readonly value: number | null;
  readonly inputs: Record<string, unknown>;
}

export interface MetricsConfig {
  readonly grossMargin: number;
  readonly stallDays: number;
  readonly costRatioCeiling: number;
  readonly scoreWeights: Readonly<Record<'target_attainment' | 'csat' | 'win_rate' | 'market_or_revenue_percentile' | 'cost_of_sales_ratio', number>>;
}

export const DEFAULT_METRICS_CONFIG: MetricsConfig = {
  grossMargin: 0.3,
  stallDays: 14,
  costRatioCeiling: 0.3,
  scoreWeights: { target_attainment: 0.3, csat: 0.2, win_rate: 0.2, market_or_revenue_percentile: 0.15, cost_of_sales_ratio: 0.15 },
};

/** What a formula may read: counters of any scope and period, and other metrics. */
export interface MetricContext {
  readonly scope: string;
  readonly period: string;
  readonly config: MetricsConfig;
  /** Day (exclusive) up to which the period has happened: its end, or the day after "now". */
  readonly untilDay: string;
  /** The last day that counts for "at period end (or now)" metrics. */
  readonly asOfDay: string;
  sum(counter: string, scope?: string, period?: string): number;
  /** Scopes that have a value for a sum counter in a period. */
  scopesWith(counter: string, period?: string): string[];
  /**
   * The non-zero sums of a counter over the sub-scopes of a scope (`<scope>/customer:c1` →
   * `customer:c1`) in a period, kept up to date as they change: no scan of every scope.
   */
  childSums(counter: string, scope?: string, period?: string): ReadonlyMap<string, number>;
  /** The `n` sub-scopes named with `prefix` with the highest positive sums of a counter, highest first (ties by name). */
  topChildren(counter: string, n: number, prefix: string, scope?: string, period?: string): TopChildren;
  levelOn(counter: string, scope?: string, day?: string): number;
  averageLevel(counter: string, scope?: string, period?: string): number | null;
  /** Another metric's value for any scope and period. */
  metric(id: string, scope?: string, period?: string): MetricResult;
  /** Public scopes of a kind that have any data in the period (peers for rankings). */
  peers(kind: ScopeKind, period?: string): readonly string[];
}

/** A metric: what the catalogue publishes of it (names, unit, direction, scopes, formula in words), and how it is computed. */
export interface MetricDefinition extends CatalogueEntry {
  /** True when the value of one scope depends on other scopes (shares, percentiles). */
  readonly peerDependent?: boolean;
  /**
   * For a peer-dependent metric whose other inputs are all sums of its own scope and period: the
   * part of its inputs that comes from the peers (a percentile, a share), cheap to compute. A
   * scope not touched since its last evaluation is then re-evaluated only when this changed,
   * instead of every scope with data each time any peer is touched.
   */
  readonly peerInput?: (ctx: MetricContext) => number | string | null;
  /**
   * The level counters the formula reads, itself or through another metric (`levelOn`,
   * `averageLevel`). Such a metric is time-dependent: its value can move although no event touched
   * its scope and period — a level changed on an earlier day, or the clock crossed into a later
   * day (what the period has reached, `untilDay` and `asOfDay`, moved). It is then evaluated
   * again; a test checks these declarations against what the formulas read.
   */
  readonly levels?: readonly string[];
  readonly compute: (ctx: MetricContext) => MetricResult;
}

/** What a fold may do: read and replace entities, add immutable facts. */
export interface FoldContext {
  entity<T>(key: string): { readonly data: T } | undefined;
  /** Replaces an entity; `entries` (its whole contribution) is computed lazily and must depend only on what it captures. */
  setEntity<T>(key: string, data: T, entries: () => readonly Entry[]): void;
  addFacts(entries: readonly Entry[]): void;
}

/** The envelope fields a fold may use beside the typed event. */
export interface FoldMeta {
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly streamId: string;
  readonly revision: number;
}

/**
 * A projection fold: which event types it handles and how one event changes the read model.
 * Deterministic and free of I/O; all effects go through the context.
 */
export interface MetricFold {
  readonly name: string;
  readonly handles: readonly QuotientEvent['type'][];
  readonly apply: (event: QuotientEvent, meta: FoldMeta, ctx: FoldContext, config: MetricsConfig) => void;
}

/** A ratio, or null with the reason when the denominator is zero (METRICS.md). */
export const ratio = (numerator: number, denominator: number, inputs: Record<string, unknown>): MetricResult =>
  denominator === 0
    ? { value: null, inputs: { ...inputs, reason: 'denominator is zero' } }
    : { value: Math.round((numerator / denominator) * 1e6) / 1e6, inputs };

export const valueOf = (value: number | null, inputs: Record<string, unknown>): MetricResult => ({
  value: value === null ? null : Math.round(value * 1e6) / 1e6,
  inputs,
});

export const nullBecause = (reason: string, inputs: Record<string, unknown> = {}): MetricResult => ({ value: null, inputs: { ...inputs, reason } });
