import { z } from 'zod';
import { ActivityKind, DealStage, Identifier, IsoDate, Money } from '@quotient/contracts';
import type { Command } from '@quotient/kernel';

export const OpenDealData = z.object({
  dealId: Identifier,
  customerId: Identifier,
  ownerRepId: Identifier,
  teamId: Identifier,
  region: Identifier,
  channel: Identifier,
  segment: Identifier,
  amount: Money,
  stage: DealStage,
  expectedCloseDate: IsoDate,
});
export const ChangeDealStageData = z.object({ dealId: Identifier, stage: DealStage, probability: z.number().min(0).max(1).optional() });
export const ChangeDealAmountData = z.object({ dealId: Identifier, amount: Money });
export const WinDealData = z.object({ dealId: Identifier, amount: Money.optional() });
export const LoseDealData = z.object({ dealId: Identifier, reason: z.string().trim().min(1).max(500), competitor: z.string().trim().min(1).max(200).optional() });
export const LogActivityData = z.object({ dealId: Identifier, kind: ActivityKind });

export type OpenDeal = Command<'OpenDeal', z.infer<typeof OpenDealData>>;
export type ChangeDealStage = Command<'ChangeDealStage', z.infer<typeof ChangeDealStageData>>;
export type ChangeDealAmount = Command<'ChangeDealAmount', z.infer<typeof ChangeDealAmountData>>;
export type WinDeal = Command<'WinDeal', z.infer<typeof WinDealData>>;
export type LoseDeal = Command<'LoseDeal', z.infer<typeof LoseDealData>>;
export type LogActivity = Command<'LogActivity', z.infer<typeof LogActivityData>>;

export type DealCommand = OpenDeal | ChangeDealStage | ChangeDealAmount | WinDeal | LoseDeal | LogActivity;
