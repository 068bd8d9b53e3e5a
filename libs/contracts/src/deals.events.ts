import { z } from 'zod';
import { ActivityKind, DealStage, ForecastCategory, Identifier, IsoDate, IsoDateTime, Period, Scope, TargetMeasure } from './vocabulary';

/** Every deal event carries who owns the deal and where it sits, as it was at that moment. */
export const DealAttribution = z.object({
  dealId: Identifier,
  customerId: Identifier,
  ownerRepId: Identifier,
  teamId: Identifier,
  region: Identifier,
  channel: Identifier,
  segment: Identifier,
});
export type DealAttribution = z.infer<typeof DealAttribution>;

export const DealOpened = DealAttribution.extend({
  amount: z.number(),
  stage: DealStage,
  probability: z.number().min(0).max(1),
  expectedCloseDate: IsoDate,
});
export const DealStageChanged = DealAttribution.extend({
  from: DealStage,
  to: DealStage,
  probability: z.number().min(0).max(1),
  amount: z.number(),
  expectedCloseDate: IsoDate,
});
export const DealAmountChanged = DealAttribution.extend({
  from: z.number(),
  to: z.number(),
});
export const DealWon = DealAttribution.extend({
  amount: z.number(),
  openedAt: IsoDateTime,
});
export const DealLost = DealAttribution.extend({
  amount: z.number(),
  openedAt: IsoDateTime,
  reason: z.string(),
  competitor: z.string().nullable(),
});
export const ActivityLogged = DealAttribution.extend({ kind: ActivityKind });

export const TargetSet = z.object({
  scope: Scope,
  period: Period,
  measure: TargetMeasure,
  value: z.number(),
  previousValue: z.number().nullable(),
});
export const ForecastSubmitted = z.object({
  scope: Scope,
  period: Period,
  category: ForecastCategory,
  amount: z.number(),
});
export const MarketSizeRecorded = z.object({
  segment: Identifier,
  region: Identifier,
  period: Period,
  totalRevenue: z.number(),
  source: z.string().nullable(),
});

export const dealsEventSchemas = {
  'deals.DealOpened': DealOpened,
  'deals.DealStageChanged': DealStageChanged,
  'deals.DealAmountChanged': DealAmountChanged,
  'deals.DealWon': DealWon,
  'deals.DealLost': DealLost,
  'deals.ActivityLogged': ActivityLogged,
  'deals.TargetSet': TargetSet,
  'deals.ForecastSubmitted': ForecastSubmitted,
  'deals.MarketSizeRecorded': MarketSizeRecorded,
} as const;
