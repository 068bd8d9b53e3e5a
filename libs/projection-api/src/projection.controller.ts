import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { DomainRuleViolation } from '@quotient/kernel';
import type { ProjectionSettings } from '@quotient/contracts';
import type { MetricDefinition, MetricsConfig } from '@quotient/metrics';
import type { ProjectionService } from '@quotient/projection';
import { BASE_CURRENCY, CATALOGUE, METRICS_CONFIG, PROJECTION, SERVICE_VERSION } from './tokens';

/** Operating the projection: status, rebuild, health, and the metric catalogue. */
@Controller()
export class ProjectionController {
  constructor(
    @Inject(PROJECTION) private readonly projection: ProjectionService,
    @Inject(CATALOGUE) private readonly catalogue: readonly MetricDefinition[],
    @Inject(METRICS_CONFIG) private readonly config: MetricsConfig,
    @Inject(BASE_CURRENCY) private readonly baseCurrency: string,
    @Inject(SERVICE_VERSION) private readonly serviceVersion: string,
  ) {}

  private readonly startedAt = Date.now();

  @Get('projection/status')
  async status() {
    const { engine, core } = this.projection;
    const sources = await engine.sourceStatus();
    return {
      version: this.projection.version,
      clock: core.state.clock || null,
      sources,
      lag: sources.reduce((sum, s) => sum + s.lag, 0),
      eventsPerSecond: engine.eventsPerSecond(),
      timings: engine.timings(),
      ...core.counters,
      waitingOnGaps: core.parkedCount,
      recentDeadLetters: await this.projection.store.deadLetters(20),
      rebuild: this.projection.rebuildState(),
      lastError: engine.error,
      startedAt: engine.startedAt,
    };
  }

  @Post('projection/rebuild')
  @HttpCode(202)
  async rebuild() {
    const { version, started } = await this.projection.rebuild();
    if (!started) {
      throw new DomainRuleViolation('rebuild-running', `a rebuild into version ${version} is already running: GET /projection/status follows it`, { version });
    }
    return { version, started, message: `rebuilding into version ${version}; version ${this.projection.version} keeps serving until it has caught up` };
  }

  @Get('catalogue')
  catalogueList() {
    return this.catalogue.map(({ compute: _compute, ...definition }) => definition);
  }

  /** The configuration the metrics are computed with: the currency of money values, the formulas' parameters. */
  @Get('settings')
  settings(): ProjectionSettings {
    const { grossMargin, stallDays, costRatioCeiling, scoreWeights } = this.config;
    return { baseCurrency: this.baseCurrency, grossMargin, stallDays, costRatioCeiling, scoreWeights };
  }

  @Get('health')
  async health() {
    const sources = await this.projection.engine.sourceStatus();
    // The fields every service's /health has (status, service, version, uptimeSeconds), then the projection's own.
    return {
      status: 'ok',
      service: 'projection',
      version: this.serviceVersion,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      readModelVersion: this.projection.version,
      lag: sources.reduce((sum, s) => sum + s.lag, 0),
    };
  }
}
