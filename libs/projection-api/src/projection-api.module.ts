import { DynamicModule, Module, Type } from '@nestjs/common';
import type { MetricDefinition, MetricsConfig } from '@quotient/metrics';
import type { ProjectionService } from '@quotient/projection';
import { ChangesController } from './changes.controller';
import { ExploreController } from './explore.controller';
import { MetricsController } from './metrics.controller';
import { ProjectionController } from './projection.controller';
import { ScorecardsController } from './scorecards.controller';
import { BASE_CURRENCY, CATALOGUE, METRICS_CONFIG, PROJECTION, SERVICE_VERSION } from './tokens';

export interface ProjectionApiOptions {
  readonly projection: ProjectionService;
  readonly catalogue: readonly MetricDefinition[];
  readonly config: MetricsConfig;
  /** The currency money amounts are in (BASE_CURRENCY; default CNY). */
  readonly baseCurrency?: string;
  /** The service's own version, as /health of every service says it. */
  readonly serviceVersion?: string;
  /** Extra controllers, e.g. the dashboard. */
  readonly controllers?: readonly Type[];
}

@Module({})
export class ProjectionApiModule {
  static forRoot({ projection, catalogue, config, baseCurrency = 'CNY', serviceVersion = '0.0.0', controllers = [] }: ProjectionApiOptions): DynamicModule {
    return {
      module: ProjectionApiModule,
      // The SSE route comes before `metrics/:metric` so `changes` is never taken for a metric id.
      controllers: [ChangesController, MetricsController, ScorecardsController, ProjectionController, ExploreController, ...controllers],
      providers: [
        { provide: PROJECTION, useValue: projection },
        { provide: CATALOGUE, useValue: catalogue },
        { provide: METRICS_CONFIG, useValue: config },
        { provide: BASE_CURRENCY, useValue: baseCurrency },
        { provide: SERVICE_VERSION, useValue: serviceVersion },
      ],
    };
  }
}
