import { Decider, roundMoney } from '@quotient/kernel';
import type { RecordMarketSize } from './planning.commands';
import type { MarketSizeRecorded } from './planning.events';

export type Market = { readonly totalRevenue: number | null; readonly source: string | null };

/** A market size may be corrected; recording the same figure from the same source changes nothing. */
export const marketDecider: Decider<RecordMarketSize, Market, MarketSizeRecorded> = {
  initialState: () => ({ totalRevenue: null, source: null }),
  decide: ({ data }, market) => {
    const totalRevenue = roundMoney(data.totalRevenue);
    const source = data.source ?? null;
    if (market.totalRevenue === totalRevenue && market.source === source) return [];
    return [{ type: 'deals.MarketSizeRecorded', data: { segment: data.segment, region: data.region, period: data.period, totalRevenue, source } }];
  },
  evolve: (_market, event) => ({ totalRevenue: event.data.totalRevenue, source: event.data.source }),
};
