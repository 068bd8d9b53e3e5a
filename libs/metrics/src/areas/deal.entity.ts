import type { DealAttribution, DealStage } from '@quotient/contracts';
import type { Entry } from '../entries';
import { sums } from '../entries';
import { addDays, dayOf } from '../periods';
import { channel, customerWithin, marketCell, ORG, region, segment, team } from '../scopes';
import { COUNTERS as C } from './counters';
import { elapsedDays, orgTeamRep, round6, span } from './support';

/** What the projection remembers of one deal's money: enough to recompute its whole contribution. */
export interface DealData {
  readonly attribution: DealAttribution;
  readonly status: 'open' | 'won' | 'lost';
  readonly amount: number;
  /** The stage it is at, or was closed from (read models written before this field lack it). */
  readonly stage?: DealStage;
  readonly probability: number;
  /** Null only when the deal's opening was never seen (it carries the close date). */
  readonly expectedCloseDate: string | null;
  readonly openedAt: string | null;
  readonly closedAt: string | null;
}

/**
 * The deal's life as levels: open from opening to close, stalled from STALL_DAYS after the last
 * touch. Kept apart from the money so that an activity recomputes only these few entries.
 */
export interface DealLifeData {
  /** First instant of the day of the latest stage change, amount change or activity (or the opening). */
  readonly lastTouchAt: string | null;
}

export const dealKey = (dealId: string) => `deal:${dealId}`;
export const dealLifeKey = (dealId: string) => `deal-life:${dealId}`;

const dealScopes = (deal: DealData): string[] => orgTeamRep(deal.attribution.teamId, deal.attribution.ownerRepId);

/** Day arithmetic allocates Dates; there are only so many distinct days, so remember them. */
const stallStarts = new Map<string, string>();

/**
 * First day a deal counts as stalled: "no touch for more than STALL_DAYS days" is read in calendar
 * days, so a deal last touched on 1 March (any hour) is stalled from 16 March with the default 14.
 */
export const stallStart = (lastTouchAt: string, stallDays: number): string => {
  const key = `${dayOf(lastTouchAt)}|${stallDays}`;
  let day = stallStarts.get(key);
  if (day === undefined) stallStarts.set(key, (day = addDays(dayOf(lastTouchAt), stallDays + 1)));
  return day;
};

/** A closed stall (from the stall start until the touch that ended it), as an immutable fact. */
export const endedStall = (deal: DealData, life: DealLifeData, touchAt: string, stallDays: number): Entry[] =>
  life.lastTouchAt === null ? [] : span(C.stalledDeals, dealScopes(deal), stallStart(life.lastTouchAt, stallDays), touchAt);

export const dealLifeEntries = (deal: DealData, life: DealLifeData, stallDays: number): Entry[] => {
  const own = dealScopes(deal);
  const entries = deal.openedAt === null ? [] : span(C.openDeals, own, deal.openedAt, deal.closedAt);
  if (life.lastTouchAt !== null) entries.push(...span(C.stalledDeals, own, stallStart(life.lastTouchAt, stallDays), deal.closedAt));
  return entries;
};

/**
 * A deal's money. Open: pipeline and weighted pipeline in the period of its expectedCloseDate.
 * Closed: won/lost counts, amounts and cycle days in the period it closed, plus won revenue per
 * customer (concentration) and per market cell (market share).
 */
export const dealEntries = (deal: DealData): Entry[] => {
  const a = deal.attribution;
  const own = dealScopes(deal);
  if (deal.status === 'open') {
    if (deal.expectedCloseDate === null) return [];
    return [...sums(C.openPipeline, own, deal.expectedCloseDate, deal.amount), ...sums(C.weightedPipeline, own, deal.expectedCloseDate, round6(deal.amount * deal.probability))];
  }
  const at = deal.closedAt as string;
  const byCount = [...own, channel(a.channel), segment(a.segment)];
  if (deal.status === 'lost') return [...sums(C.lostDeals, byCount, at, 1), ...sums(C.lostAmount, own, at, deal.amount)];
  const entries = [
    ...sums(C.wonRevenue, [...byCount, region(a.region), marketCell(a.segment, a.region)], at, deal.amount),
    ...sums(C.wonDeals, byCount, at, 1),
    ...sums(C.customerWonRevenue, [customerWithin(ORG, a.customerId), customerWithin(team(a.teamId), a.customerId)], at, deal.amount),
  ];
  if (deal.openedAt !== null) entries.push(...sums(C.wonCycleDays, own, at, elapsedDays(deal.openedAt, at)));
  return entries;
};
