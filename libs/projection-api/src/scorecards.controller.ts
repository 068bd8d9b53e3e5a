import { Controller, Get, Inject, Query } from '@nestjs/common';
import { parseInput } from '@quotient/http';
import type { MetricsConfig } from '@quotient/metrics';
import type { ProjectionService } from '@quotient/projection';
import { answer } from './answers';
import { currentQuarter, ScorecardQuery } from './queries';
import { METRICS_CONFIG, PROJECTION } from './tokens';

/** The composite score per team or rep, ranked, with each sub-score (METRICS.md §Composite). */
@Controller('scorecards')
export class ScorecardsController {
  constructor(
    @Inject(PROJECTION) private readonly projection: ProjectionService,
    @Inject(METRICS_CONFIG) private readonly config: MetricsConfig,
  ) {}

  @Get()
  async scorecards(@Query() query: unknown) {
    const { period = currentQuarter(), level, asOf } = parseInput(ScorecardQuery, query);
    const ranked = await answer(this.projection, { kind: 'scorecards', period, level }, asOf);
    return { period, level, asOf: asOf ?? null, metric: 'sales_management_score', weights: this.config.scoreWeights, scorecards: ranked };
  }
}
