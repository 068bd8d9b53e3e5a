import { Decider, roundMoney } from '@quotient/kernel';
import type { SubmitForecast } from './planning.commands';
import type { ForecastSubmitted } from './planning.events';

export type Forecast = { readonly submissions: number };

/** Every forecast submission is a fact worth keeping: the history shows how the call moved. */
export const forecastDecider: Decider<SubmitForecast, Forecast, ForecastSubmitted> = {
  initialState: () => ({ submissions: 0 }),
  decide: ({ data }) => [{ type: 'deals.ForecastSubmitted', data: { ...data, amount: roundMoney(data.amount) } }],
  evolve: (forecast) => ({ submissions: forecast.submissions + 1 }),
};
