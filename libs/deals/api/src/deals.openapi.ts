import { commonRoutes, createdResponse, RevisionResponse, RouteDoc } from '@quotient/http';
import { ChangeAmountBody, ChangeStageBody, LogActivityBody, LoseDealBody, OpenDealBody, RecordMarketSizeBody, SetTargetBody, SubmitForecastBody, WinDealBody } from './deals.dto';

const tag = 'deals';

export const dealsRoutes: RouteDoc[] = [
  { method: 'post', path: '/deals', summary: 'Open a deal (a client dealId makes it idempotent)', tag, body: OpenDealBody, status: 201, response: createdResponse('dealId') },
  { method: 'get', path: '/deals/{id}', summary: 'Current state of a deal', tag },
  { method: 'post', path: '/deals/{id}/stage', summary: 'Move a deal to a stage', tag, body: ChangeStageBody, response: RevisionResponse },
  { method: 'post', path: '/deals/{id}/amount', summary: 'Change the amount of an open deal', tag, body: ChangeAmountBody, response: RevisionResponse },
  { method: 'post', path: '/deals/{id}/win', summary: 'Win a deal', tag, body: WinDealBody, response: RevisionResponse },
  { method: 'post', path: '/deals/{id}/lose', summary: 'Lose a deal', tag, body: LoseDealBody, response: RevisionResponse },
  { method: 'post', path: '/deals/{id}/activities', summary: 'Log a sales activity on a deal', tag, body: LogActivityBody, response: RevisionResponse },
  { method: 'post', path: '/targets', summary: 'Set or revise a target for scope+period+measure', tag, body: SetTargetBody, status: 201, response: createdResponse('targetId') },
  { method: 'post', path: '/forecasts', summary: 'Submit a forecast', tag, body: SubmitForecastBody, status: 201, response: createdResponse('forecastId') },
  { method: 'post', path: '/markets', summary: 'Record the total market revenue of a segment+region+period', tag, body: RecordMarketSizeBody, status: 201, response: createdResponse('marketId') },
  ...commonRoutes(tag),
];
