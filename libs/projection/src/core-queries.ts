import type { MetricView, ScopeKind } from '@quotient/contracts';
import type { MetricDefinition, MetricsConfig, MetricResult, PipelineByStage, TeamRoster } from '@quotient/metrics';
import { MetricEvaluator, pipelineByStage, previousPeriod, scopeKind, teamRosters } from '@quotient/metrics';
import type { ProjectionCore } from './projection-core';

export type { MetricView };

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
      source: stored?.source || null,
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

/** One team's or rep's composite score, ranked among its peers (ties share a rank; no score: no rank). */
export interface Scorecard {
  readonly rank: number | null;
  readonly scope: string;
  readonly score: number | null;
  readonly inputs: Record<string, unknown>;
}

/**
 * What the query API reads from a projection, live or replayed `asOf`: plain data in, plain data
 * out, so that a replay held by another thread answers them as the live core does here.
 */
export type CoreQuery =
  | { readonly kind: 'metrics'; readonly period: string; readonly scope?: string; readonly metric?: string }
  | { readonly kind: 'metric'; readonly metric: string; readonly scope: string; readonly period: string }
  | { readonly kind: 'scorecards'; readonly period: string; readonly level: string }
  | { readonly kind: 'pipeline'; readonly scope: string; readonly period: string }
  | { readonly kind: 'teams'; readonly period: string };

/** What each query answers. */
export interface CoreQueryResults {
  metrics: MetricView[];
  metric: MetricView;
  scorecards: Scorecard[];
  pipeline: PipelineByStage;
  teams: TeamRoster[];
}

export type CoreQueryResult<Q extends CoreQuery> = CoreQueryResults[Q['kind']];

const rankedScorecards = (core: ProjectionCore, catalogue: readonly MetricDefinition[], config: MetricsConfig, period: string, level: string): Scorecard[] => {
  const evaluator = new MetricEvaluator(core.state, catalogue, config);
  const peers = core.state.scopesIn(period).filter((s) => s.startsWith(`${level}:`));
  const cards = peers.map((scope) => {
    const { value, inputs } = evaluator.evaluate('sales_management_score', scope, period);
    return { scope, score: value, inputs };
  });
  cards.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.scope.localeCompare(b.scope));
  let rank = 0;
  let previous: number | null | undefined;
  return cards.map((card, i) => {
    if (card.score !== previous) rank = i + 1;
    previous = card.score;
    return { rank: card.score === null ? null : rank, ...card };
  });
};

/** Answers a query from a projection core (the metric named must be in the catalogue). */
export const runCoreQuery = <Q extends CoreQuery>(core: ProjectionCore, catalogue: readonly MetricDefinition[], config: MetricsConfig, query: Q): CoreQueryResult<Q> => {
  const answer = (): CoreQueryResults[CoreQuery['kind']] => {
    switch (query.kind) {
      case 'metrics':
        return new MetricViews(core, catalogue, config).list(query.period, query.scope, query.metric);
      case 'metric': {
        const definition = catalogue.find((m) => m.id === query.metric);
        if (!definition) throw new Error(`no metric ${query.metric} in the catalogue`);
        return new MetricViews(core, catalogue, config).one(definition, query.scope, query.period);
      }
      case 'scorecards':
        return rankedScorecards(core, catalogue, config, query.period, query.level);
      case 'pipeline':
        return pipelineByStage(core.state, query.scope, query.period);
      case 'teams':
        return teamRosters(core.state, query.period);
    }
  };
  return answer() as CoreQueryResult<Q>;
};
