import type { DealAttribution, EventOf, QuotientEvent } from '@quotient/contracts';
import { sums } from '../entries';
import type { FoldContext, FoldMeta, MetricFold, MetricsConfig } from '../definition';
import { COUNTERS as C } from './counters';
import { recordCustomerWin } from './customer-wins.entity';
import { DealData, dealEntries, dealKey, DealLifeData, dealLifeEntries, dealLifeKey, endedStall } from './deal.entity';
import { recordWin } from './rep.entity';
import { orgTeam } from './support';
import { dayOf } from '../periods';

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
});

const NO_TOUCH: DealLifeData = { lastTouchAt: null };

/**
 * A touch (opening, stage change, amount change, activity) ends any stall. Stalls are counted in
 * calendar days, so only the first touch of a day matters: later ones that day (or older ones)
 * change nothing. A stall that a touch ends becomes an immutable fact.
 */
const touch = (ctx: FoldContext, deal: DealData, life: DealLifeData, at: string, config: MetricsConfig): DealLifeData => {
  if (deal.status !== 'open' || (life.lastTouchAt !== null && dayOf(at) <= dayOf(life.lastTouchAt))) return life;
  ctx.addFacts(endedStall(deal, life, at, config.stallDays));
  return { lastTouchAt: at };
};

const sameAttribution = (x: DealAttribution, y: DealAttribution): boolean =>
  x.customerId === y.customerId && x.ownerRepId === y.ownerRepId && x.teamId === y.teamId && x.region === y.region && x.channel === y.channel && x.segment === y.segment;

/** The deal's money after an event; a closed deal takes nothing more (a repeated close is a no-op). */
const evolve = (deal: DealData, event: DealEvent, at: string): DealData => {
  if (deal.status !== 'open') return deal;
  switch (event.type) {
    case 'deals.DealOpened': {
      if (deal.openedAt !== null) return deal;
      const { amount, stage, probability, expectedCloseDate } = event.data;
      return { ...deal, amount, stage, probability, expectedCloseDate, openedAt: at };
    }
    case 'deals.DealStageChanged': {
      const { amount, to: stage, probability, expectedCloseDate } = event.data;
      return { ...deal, amount, stage, probability, expectedCloseDate };
    }
    case 'deals.DealAmountChanged':
      return { ...deal, amount: event.data.to };
    case 'deals.ActivityLogged':
      return deal;
    case 'deals.DealWon':
    case 'deals.DealLost':
      return { ...deal, status: event.type === 'deals.DealWon' ? 'won' : 'lost', amount: event.data.amount, openedAt: event.data.openedAt, closedAt: at };
  }
};

/**
 * Deals: per deal, its money (pipeline, won/lost) and its life (open and stalled levels); on a win
 * also the customer's wins (repeat purchase, acquisition revenue) and the owner's first win (ramp).
 * Activities are facts.
 */
export const dealsFold: MetricFold = {
  name: 'deals',
  handles: ['deals.DealOpened', 'deals.DealStageChanged', 'deals.DealAmountChanged', 'deals.DealWon', 'deals.DealLost', 'deals.ActivityLogged'],
  apply: (event: QuotientEvent, meta: FoldMeta, ctx: FoldContext, config: MetricsConfig) => {
    const e = event as DealEvent;
    const at = meta.occurredAt;
    if (e.type === 'deals.ActivityLogged') ctx.addFacts(sums(C.activities, orgTeam(e.data.teamId), at, 1));
    const id = e.data.dealId;
    const stored = ctx.entity<DealData>(dealKey(id))?.data;
    const current = !stored ? unseen(attributionOf(e.data)) : sameAttribution(stored.attribution, e.data) ? stored : { ...stored, attribution: attributionOf(e.data) };
    const storedLife = ctx.entity<DealLifeData>(dealLifeKey(id))?.data;
    const life = e.type === 'deals.DealWon' || e.type === 'deals.DealLost' ? (storedLife ?? NO_TOUCH) : touch(ctx, current, storedLife ?? NO_TOUCH, at, config);
    const deal = evolve(current, e, at);
    if (deal !== stored) ctx.setEntity(dealKey(id), deal, () => dealEntries(deal));
    const { stallDays } = config;
    if (life !== storedLife || deal.openedAt !== stored?.openedAt || deal.closedAt !== stored?.closedAt || deal.attribution !== stored?.attribution) {
      ctx.setEntity(dealLifeKey(id), life, () => dealLifeEntries(deal, life, stallDays));
    }
    if (e.type === 'deals.DealWon' && deal.status === 'won' && deal.closedAt !== null) {
      const { customerId, ownerRepId, teamId, segment } = e.data;
      recordCustomerWin(ctx, customerId, [id, deal.closedAt, deal.amount, teamId, segment]);
      recordWin(ctx, ownerRepId, deal.closedAt, id);
    }
  },
};
