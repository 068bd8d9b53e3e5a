import { z } from 'zod';
import { ForecastCategory, Identifier, Money, Period, Scope, TargetMeasure } from '@quotient/contracts';
import type { Command } from '@quotient/kernel';

export const SetTargetData = z.object({ scope: Scope, period: Period, measure: TargetMeasure, value: Money });
export const SubmitForecastData = z.object({ scope: Scope, period: Period, category: ForecastCategory, amount: z.number().finite().min(0).max(1e13) });
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
