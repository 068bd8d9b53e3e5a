import type { MetricDefinition, MetricsConfig, MetricResult } from '@quotient/metrics';
import { MetricEvaluator, previousPeriod, scopeKind } from '@quotient/metrics';
import type { ProjectionCore } from '@quotient/projection';
import type { ScopeKind } from '@quotient/contracts';

export interface MetricView {
  readonly metric: string;
  readonly name: { readonly zh: string; readonly en: string };
  readonly area: string;
  readonly scope: string;
  readonly period: string;
  readonly value: number | null;
  readonly unit: string;
  readonly direction: string;
  readonly inputs: Record<string, unknown>;
  readonly position: number | null;
  readonly updatedAt: string | null;
  readonly previousPeriod: string;
  readonly previousPeriodValue: number | null;
  /** Period-over-period change: value minus the previous period's value. */
  readonly delta: number | null;
}

/** Reads metric values from a projection (live or replayed) in the shape the API returns. */
export class MetricViews {
  private readonly evaluator: MetricEvaluator;

  constructor(
    private readonly core: ProjectionCore,
    private readonly catalogue: readonly MetricDefinition[],
    config: MetricsConfig,
  ) {
    this.evaluator = new MetricEvaluator(core.state, catalogue, config);
  }

  one(definition: MetricDefinition, scope: string, period: string): MetricView {
    const current = this.evaluator.evaluate(definition.id, scope, period);
    const previous = previousPeriod(period);
    const before: MetricResult = this.evaluator.evaluate(definition.id, scope, previous);
    const stored = this.core.storedValue(definition.id, scope, period);
    return {
      metric: definition.id,
      name: { zh: definition.zh, en: definition.en },
      area: definition.area,
      scope,
      period,
      value: current.value,
      unit: definition.unit,
      direction: definition.direction,
      inputs: current.inputs,
      position: stored?.position ?? null,
      updatedAt: stored?.updatedAt ?? null,
      previousPeriod: previous,
      previousPeriodValue: before.value,
      delta: current.value !== null && before.value !== null ? Math.round((current.value - before.value) * 1e6) / 1e6 : null,
    };
  }

  /** Every metric for the period, for one scope or every scope with data in the period. */
  list(period: string, scope?: string, metric?: string): MetricView[] {
    const scopes = scope ? [scope] : this.core.state.scopesIn(period).sort();
    const views: MetricView[] = [];
    for (const definition of this.catalogue) {
      if (metric && definition.id !== metric) continue;
      for (const s of scopes) if (definition.scopes.includes(scopeKind(s) as ScopeKind)) views.push(this.one(definition, s, period));
    }
    return views;
  }
}
