import { DEFAULT_METRICS_CONFIG, MetricsConfig } from '@quotient/metrics';
import { z } from 'zod';
import { CommonConfig, Port, readConfig } from './config';

const Fraction = z.coerce.number().min(0, 'expected a number from 0 to 1').max(1, 'expected a number from 0 to 1');

const ScoreWeights = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'expected JSON such as {"target_attainment":0.3,"csat":0.2,...}' });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .strictObject({
        target_attainment: Fraction,
        csat: Fraction,
        win_rate: Fraction,
        market_or_revenue_percentile: Fraction,
        cost_of_sales_ratio: Fraction,
      })
      .refine((w) => Math.abs(Object.values(w).reduce((a, b) => a + b, 0) - 1) < 1e-6, 'the weights must sum to 1'),
  );

export const ProjectionConfig = CommonConfig.extend({
  PROJECTION_PORT: Port.default(3000),
  GROSS_MARGIN: Fraction.default(DEFAULT_METRICS_CONFIG.grossMargin),
  STALL_DAYS: z.coerce.number().int().min(1).max(365).default(DEFAULT_METRICS_CONFIG.stallDays),
  COST_RATIO_CEILING: z.coerce.number().positive().max(10).default(DEFAULT_METRICS_CONFIG.costRatioCeiling),
  SCORE_WEIGHTS: ScoreWeights.optional(),
  MONGO_URL: z.string().regex(/^mongodb(\+srv)?:\/\/.+/, 'expected a MongoDB connection string such as mongodb://127.0.0.1:27017').optional(),
  PROJECTION_BATCH_SIZE: z.coerce.number().int().min(1).max(100_000).default(2000),
  /** A catch-up over the embedded stores commits every this many events (or every 60 s). */
  /** `asOf` replays are kept while the events they hold stay under this (a 1M-event replay is ~0.9 GB of heap). */
  ASOF_CACHE_EVENTS: z.coerce.number().int().min(0).max(100_000_000).default(1_000_000),
  /**
   * Most heap the asOf thread may use, in MB (default: Node's limit, as for the serving thread): a
   * replay that needs more fails its queries (503) and the thread starts afresh; the live
   * projection is not affected.
   */
  ASOF_HEAP_MB: z.coerce.number().int().min(64).max(1_000_000).optional(),
  PROJECTION_CATCHUP_COMMIT_EVENTS: z.coerce.number().int().min(1).max(10_000_000).default(100_000),
});
export type ProjectionConfig = z.infer<typeof ProjectionConfig>;

export const readProjectionConfig = (env: NodeJS.ProcessEnv = process.env): ProjectionConfig => readConfig(ProjectionConfig, env);

export const metricsConfigOf = (config: ProjectionConfig): MetricsConfig => ({
  grossMargin: config.GROSS_MARGIN,
  stallDays: config.STALL_DAYS,
  costRatioCeiling: config.COST_RATIO_CEILING,
  scoreWeights: config.SCORE_WEIGHTS ?? DEFAULT_METRICS_CONFIG.scoreWeights,
});
