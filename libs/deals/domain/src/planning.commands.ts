import { z } from 'zod';
import { ForecastCategory, Identifier, Money, Period, TargetMeasure } from '@quotient/contracts';
import type { Command } from '@quotient/kernel';

/**
 * Targets and forecasts are read by metrics of the org, teams and reps only (target attainment,
 * forecast accuracy: METRICS.md §1, §7): one set for a region, channel or segment would be kept
 * and never read, so it is refused.
 */
export const PlanningScope = z
  .string()
  .regex(/^(org|(team|rep):[A-Za-z0-9_.\-]{1,100})$/, 'expected org, team:<id> or rep:<id>: targets and forecasts are read for the org, a team or a rep');
export const SetTargetData = z.object({ scope: PlanningScope, period: Period, measure: TargetMeasure, value: Money });
export const SubmitForecastData = z.object({ scope: PlanningScope, period: Period, category: ForecastCategory, amount: z.number().finite().min(0).max(1e13) });
export const RecordMarketSizeData = z.object({
  segment: Identifier,
  region: Identifier,
  period: Period,
  totalRevenue: Money,
  source: z.string().trim().min(1).max(500).optional(),
});

export type SetTarget = Command<'SetTarget', z.infer<typeof SetTargetData>>;
export type SubmitForecast = Command<'SubmitForecast', z.infer<typeof SubmitForecastData>>;
export type RecordMarketSize = Command<'RecordMarketSize', z.infer<typeof RecordMarketSizeData>>;
