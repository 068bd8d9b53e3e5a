import { Controller, Get, Inject, Query } from '@nestjs/common';
import { parseInput } from '@quotient/http';
import type { ProjectionService } from '@quotient/projection';
import { answer } from './answers';
import { currentQuarter, PipelineQuery, TeamsQuery } from './queries';
import { PROJECTION } from './tokens';

/**
 * Read views the metrics do not give directly, for the dashboard: the pipeline by stage (the
 * funnel) and which reps belong to which team (drill-down). Live, or as known at `asOf`.
 */
@Controller()
export class ExploreController {
  constructor(@Inject(PROJECTION) private readonly projection: ProjectionService) {}

  @Get('pipeline')
  async pipeline(@Query() query: unknown) {
    const { period = currentQuarter(), scope = 'org', asOf } = parseInput(PipelineQuery, query);
    return { ...(await answer(this.projection, { kind: 'pipeline', scope, period }, asOf)), asOf: asOf ?? null };
  }

  @Get('teams')
  async teams(@Query() query: unknown) {
    const { period = currentQuarter(), asOf } = parseInput(TeamsQuery, query);
    return { period, asOf: asOf ?? null, teams: await answer(this.projection, { kind: 'teams', period }, asOf) };
  }
}
