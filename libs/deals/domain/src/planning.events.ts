import type { EventOf } from '@quotient/contracts';

export type TargetSet = EventOf<'deals.TargetSet'>;
export type ForecastSubmitted = EventOf<'deals.ForecastSubmitted'>;
export type MarketSizeRecorded = EventOf<'deals.MarketSizeRecorded'>;

/** One stream per scope+period+measure: re-posting revises the same target. */
export const targetId = (t: { scope: string; period: string; measure: string }): string => `${t.scope}.${t.period}.${t.measure}`;
export const targetStream = (id: string): string => `deals.target-${id}`;

/** One stream per scope+period: every submission is kept, the latest of a category counts. */
export const forecastId = (f: { scope: string; period: string }): string => `${f.scope}.${f.period}`;
export const forecastStream = (id: string): string => `deals.forecast-${id}`;

export const marketId = (m: { segment: string; region: string; period: string }): string => `${m.segment}.${m.region}.${m.period}`;
export const marketStream = (id: string): string => `deals.market-${id}`;
