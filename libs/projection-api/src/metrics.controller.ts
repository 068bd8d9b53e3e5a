import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import type { ScopeKind } from '@quotient/contracts';
import { parseInput } from '@quotient/http';
import { AggregateNotFound, InvalidInput } from '@quotient/kernel';
import { MetricDefinition, scopeKind } from '@quotient/metrics';
import type { ProjectionService } from '@quotient/projection';
import { answer } from './answers';
import { currentQuarter, HistoryQuery, MetricsQuery, OneMetricQuery } from './queries';
import { CATALOGUE, PROJECTION } from './tokens';

/** Metric values: live from the read model, or as known at `asOf`. */
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(PROJECTION) private readonly projection: ProjectionService,
    @Inject(CATALOGUE) private readonly catalogue: readonly MetricDefinition[],
  ) {}

  @Get()
  async list(@Query() query: unknown) {
    const { period = currentQuarter(), scope, metric, asOf } = parseInput(MetricsQuery, query);
    if (metric) this.definition(metric);
    return answer(this.projection, { kind: 'metrics', period, scope, metric }, asOf);
  }

  @Get(':metric')
  async one(@Param('metric') metric: string, @Query() query: unknown) {
    const definition = this.definition(metric);
    const { period = currentQuarter(), scope = 'org', asOf } = parseInput(OneMetricQuery, query);
    this.ensureScope(definition, scope);
    return { ...(await answer(this.projection, { kind: 'metric', metric: definition.id, scope, period }, asOf)), asOf: asOf ?? null };
  }

  @Get(':metric/history')
  async history(@Param('metric') metric: string, @Query() query: unknown) {
    const definition = this.definition(metric);
    const { period = currentQuarter(), scope = 'org', limit } = parseInput(HistoryQuery, query);
    this.ensureScope(definition, scope);
    const changes = await this.projection.store.history(metric, scope, period, limit);
    return { metric, scope, period, unit: definition.unit, changes };
  }

  private definition(metric: string): MetricDefinition {
    const definition = this.catalogue.find((m) => m.id === metric);
    if (!definition) throw new AggregateNotFound('metric', metric);
    return definition;
  }

  private ensureScope(definition: MetricDefinition, scope: string): void {
    if (!definition.scopes.includes(scopeKind(scope) as ScopeKind)) {
      throw new InvalidInput([{ field: 'scope', message: `${definition.id} is defined for ${definition.scopes.join(', ')} scopes` }]);
    }
  }
}
