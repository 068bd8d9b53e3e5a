import { IsoDateTime, Period, Scope } from '@quotient/contracts';
import { periodContaining } from '@quotient/metrics';
import { z } from 'zod';

/** The current quarter by the wall clock: the default period of every query. */
export const currentQuarter = (now = new Date()): string => periodContaining(now.toISOString(), 'quarter');

export const MetricsQuery = z.strictObject({
  period: Period.optional(),
  scope: Scope.optional(),
  metric: z.string().regex(/^[a-z_]+$/, 'expected a metric id such as win_rate').optional(),
  asOf: IsoDateTime.optional(),
});

export const OneMetricQuery = z.strictObject({
  period: Period.optional(),
  scope: Scope.optional(),
  asOf: IsoDateTime.optional(),
});

export const HistoryQuery = z.strictObject({
  period: Period.optional(),
  scope: Scope.optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
});

export const ScorecardQuery = z.strictObject({
  period: Period.optional(),
  level: z.enum(['team', 'rep']).default('team'),
  asOf: IsoDateTime.optional(),
});

export const ChangesQuery = z.strictObject({
  metric: z.string().optional(),
  scope: Scope.optional(),
  period: Period.optional(),
});

export const PipelineQuery = z.strictObject({
  period: Period.optional(),
  scope: Scope.optional(),
  asOf: IsoDateTime.optional(),
});

export const TeamsQuery = z.strictObject({
  period: Period.optional(),
  asOf: IsoDateTime.optional(),
});
