import { commandBody } from '@quotient/http';
import {
  ChangeDealAmountData,
  ChangeDealStageData,
  LogActivityData,
  LoseDealData,
  OpenDealData,
  RecordMarketSizeData,
  SetTargetData,
  SubmitForecastData,
  WinDealData,
} from '@quotient/deals-domain';

/** Request bodies: the command's data without the ids that come from the path or the server. */
export const OpenDealBody = commandBody({ ...OpenDealData.shape, dealId: OpenDealData.shape.dealId.optional() });
export const ChangeStageBody = commandBody(ChangeDealStageData.omit({ dealId: true }).shape);
export const ChangeAmountBody = commandBody(ChangeDealAmountData.omit({ dealId: true }).shape);
export const WinDealBody = commandBody(WinDealData.omit({ dealId: true }).shape);
export const LoseDealBody = commandBody(LoseDealData.omit({ dealId: true }).shape);
export const LogActivityBody = commandBody(LogActivityData.omit({ dealId: true }).shape);
export const SetTargetBody = commandBody(SetTargetData.shape);
export const SubmitForecastBody = commandBody(SubmitForecastData.shape);
export const RecordMarketSizeBody = commandBody(RecordMarketSizeData.shape);
