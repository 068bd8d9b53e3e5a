import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import type { ScopeKind } from '@quotient/contracts';
import { parseInput } from '@quotient/http';
import { AggregateNotFound, InvalidInput } from '@quotient/kernel';
import { MetricDefinition, MetricsConfig, scopeKind } from '@quotient/metrics';
import type { ProjectionService } from '@quotient/projection';
import { MetricViews } from './metric-views';
import { currentQuarter, HistoryQuery, MetricsQuery, OneMetricQuery } from './queries';
import { CATALOGUE, METRICS_CONFIG, PROJECTION } from './tokens';

/** Metric values: live from the read model, or as known at `asOf`. */
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(PROJECTION) private readonly projection: ProjectionService,
    @Inject(CATALOGUE) private readonly catalogue: readonly MetricDefinition[],
    @Inject(METRICS_CONFIG) private readonly config: MetricsConfig,
  ) {}

  @Get()
  async list(@Query() query: unknown) {
    const { period = currentQuarter(), scope, metric, asOf } = parseInput(MetricsQuery, query);
    if (metric) this.definition(metric);
    return (await this.views(asOf)).list(period, scope, metric);
  }

  @Get(':metric')
  async one(@Param('metric') metric: string, @Query() query: unknown) {
    const definition = this.definition(metric);
    const { period = currentQuarter(), scope = 'org', asOf } = parseInput(OneMetricQuery, query);
    this.ensureScope(definition, scope);
    return { ...(await this.views(asOf)).one(definition, scope, period), asOf: asOf ?? null };
  }

  @Get(':metric/history')
  async history(@Param('metric') metric: string, @Query() query: unknown) {
    const definition = this.definition(metric);
    const { period = currentQuarter(), scope = 'org', limit } = parseInput(HistoryQuery, query);
    this.ensureScope(definition, scope);
    const changes = await this.projection.store.history(metric, scope, period, limit);
    return { metric, scope, period, unit: definition.unit, changes };
  }

  private async views(asOf?: string): Promise<MetricViews> {
    const core = asOf ? await this.projection.asOf(new Date(asOf).toISOString()) : this.projection.core;
    return new MetricViews(core, this.catalogue, this.config);
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
