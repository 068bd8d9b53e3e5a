import type { DealAttribution, EventOf, QuotientEvent } from '@quotient/contracts';
import { sums } from '../entries';
import type { FoldContext, FoldMeta, MetricFold, MetricsConfig } from '../definition';
import { COUNTERS as C } from './counters';
import { recordCustomerWin } from './customer-wins.entity';
import { DealData, dealEntries, dealKey, endedStall } from './deal.entity';
import { recordWin } from './rep.entity';
import { isBefore, later, orgTeamRep } from './support';

type DealEvent = EventOf<
  'deals.DealOpened' | 'deals.DealStageChanged' | 'deals.DealAmountChanged' | 'deals.DealWon' | 'deals.DealLost' | 'deals.ActivityLogged'
>;

const attributionOf = ({ dealId, customerId, ownerRepId, teamId, region, channel, segment }: DealAttribution): DealAttribution => ({
  dealId,
  customerId,
  ownerRepId,
  teamId,
  region,
  channel,
  segment,
});

/** A deal first seen after its opening (never in one stream, but the fold must not depend on it). */
const unseen = (attribution: DealAttribution): DealData => ({
  attribution,
  status: 'open',
  amount: 0,
  probability: 0,
  expectedCloseDate: null,
  openedAt: null,
  closedAt: null,
  lastTouchAt: null,
});

/** A touch (stage change, amount change, activity) ends any stall; a touch dated earlier than the last one changes nothing. */
const touched = (ctx: FoldContext, deal: DealData, at: string, config: MetricsConfig): DealData => {
  if (deal.lastTouchAt !== null && !isBefore(deal.lastTouchAt, at)) return deal;
  ctx.addFacts(endedStall(deal, at, config.stallDays));
  return { ...deal, lastTouchAt: later(deal.lastTouchAt, at) };
};

const evolve = (ctx: FoldContext, previous: DealData | undefined, event: DealEvent, at: string, config: MetricsConfig): DealData => {
  const attribution = attributionOf(event.data);
  const deal = previous ?? unseen(attribution);
  // A closed deal takes nothing more (the deals context refuses it); a repeated close is a no-op.
  if (deal.status !== 'open') return deal;
  switch (event.type) {
    case 'deals.DealOpened': {
      if (deal.openedAt !== null) return deal;
      const { amount, probability, expectedCloseDate } = event.data;
      return { ...deal, attribution, amount, probability, expectedCloseDate, openedAt: at, lastTouchAt: at };
    }
    case 'deals.DealStageChanged': {
      const { amount, probability, expectedCloseDate } = event.data;
      return { ...touched(ctx, deal, at, config), attribution, amount, probability, expectedCloseDate };
    }
    case 'deals.DealAmountChanged':
      return { ...touched(ctx, deal, at, config), attribution, amount: event.data.to };
    case 'deals.ActivityLogged':
      return { ...touched(ctx, deal, at, config), attribution };
    case 'deals.DealWon':
    case 'deals.DealLost':
      return {
        ...deal,
        attribution,
        status: event.type === 'deals.DealWon' ? 'won' : 'lost',
        amount: event.data.amount,
        openedAt: event.data.openedAt,
        closedAt: at,
      };
  }
};

/**
 * Deals: one entity per deal (pipeline, stall, won/lost) plus, on a win, the customer's wins
 * (repeat purchase, acquisition revenue) and the owner's first win (ramp). Activities are facts.
 */
export const dealsFold: MetricFold = {
  name: 'deals',
  handles: ['deals.DealOpened', 'deals.DealStageChanged', 'deals.DealAmountChanged', 'deals.DealWon', 'deals.DealLost', 'deals.ActivityLogged'],
  apply: (event: QuotientEvent, meta: FoldMeta, ctx: FoldContext, config: MetricsConfig) => {
    const e = event as DealEvent;
    const key = dealKey(e.data.dealId);
    const previous = ctx.entity<DealData>(key)?.data;
    if (e.type === 'deals.ActivityLogged') ctx.addFacts(sums(C.activities, orgTeamRep(e.data.teamId, e.data.ownerRepId), meta.occurredAt, 1));
    const next = evolve(ctx, previous, e, meta.occurredAt, config);
    if (next !== previous) ctx.setEntity(key, next, dealEntries(next, config.stallDays));
    if (e.type === 'deals.DealWon' && next.status === 'won' && next.closedAt !== null) {
      const { dealId, customerId, ownerRepId, teamId, segment } = e.data;
      recordCustomerWin(ctx, customerId, [dealId, next.closedAt, next.amount, teamId, segment]);
      recordWin(ctx, ownerRepId, next.closedAt, dealId);
    }
  },
};
