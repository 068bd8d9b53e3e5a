import { Controller, Get, Inject, Query } from '@nestjs/common';
import { parseInput } from '@quotient/http';
import { MetricEvaluator, MetricDefinition, MetricsConfig } from '@quotient/metrics';
import type { ProjectionService } from '@quotient/projection';
import { currentQuarter, ScorecardQuery } from './queries';
import { CATALOGUE, METRICS_CONFIG, PROJECTION } from './tokens';

/** The composite score per team or rep, ranked, with each sub-score (METRICS.md §Composite). */
@Controller('scorecards')
export class ScorecardsController {
  constructor(
    @Inject(PROJECTION) private readonly projection: ProjectionService,
    @Inject(CATALOGUE) private readonly catalogue: readonly MetricDefinition[],
    @Inject(METRICS_CONFIG) private readonly config: MetricsConfig,
  ) {}

  @Get()
  async scorecards(@Query() query: unknown) {
    const { period = currentQuarter(), level, asOf } = parseInput(ScorecardQuery, query);
    const core = asOf ? await this.projection.asOf(new Date(asOf).toISOString()) : this.projection.core;
    const evaluator = new MetricEvaluator(core.state, this.catalogue, this.config);
    const peers = core.state.scopesIn(period).filter((s) => s.startsWith(`${level}:`));
    const cards = peers.map((scope) => {
      const { value, inputs } = evaluator.evaluate('sales_management_score', scope, period);
      return { scope, score: value, inputs };
    });
    cards.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.scope.localeCompare(b.scope));
    let rank = 0;
    let previous: number | null | undefined;
    const ranked = cards.map((card, i) => {
      if (card.score !== previous) rank = i + 1;
      previous = card.score;
      return { rank: card.score === null ? null : rank, ...card };
    });
    return { period, level, asOf: asOf ?? null, metric: 'sales_management_score', weights: this.config.scoreWeights, scorecards: ranked };
  }
}
