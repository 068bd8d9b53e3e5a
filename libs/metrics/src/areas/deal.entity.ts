import type { DealAttribution } from '@quotient/contracts';
import type { Entry } from '../entries';
import { sums } from '../entries';
import { addDays, dayOf } from '../periods';
import { channel, customerWithin, marketCell, ORG, region, segment, team } from '../scopes';
import { COUNTERS as C } from './counters';
import { elapsedDays, orgTeamRep, round6, span } from './support';

/** What the projection remembers of one deal: enough to recompute its whole contribution. */
export interface DealData {
  readonly attribution: DealAttribution;
  readonly status: 'open' | 'won' | 'lost';
  readonly amount: number;
  readonly probability: number;
  /** Null only when the deal's opening was never seen (it carries the close date). */
  readonly expectedCloseDate: string | null;
  readonly openedAt: string | null;
  readonly closedAt: string | null;
  /** Latest stage change, amount change or activity (or the opening). */
  readonly lastTouchAt: string | null;
}

export const dealKey = (dealId: string) => `deal:${dealId}`;

/**
 * First day a deal counts as stalled: "no touch for more than STALL_DAYS days" is read in calendar
 * days, so a deal last touched on 1 March (any hour) is stalled from 16 March with the default 14.
 */
export const stallStart = (lastTouchAt: string, stallDays: number): string => addDays(dayOf(lastTouchAt), stallDays + 1);

/** A closed stall (from the stall start until the touch that ended it), as an immutable fact. */
export const endedStall = (deal: DealData, touchAt: string, stallDays: number): Entry[] =>
  deal.lastTouchAt === null ? [] : span(C.stalledDeals, dealScopes(deal), stallStart(deal.lastTouchAt, stallDays), touchAt);

const dealScopes = (deal: DealData): string[] => orgTeamRep(deal.attribution.teamId, deal.attribution.ownerRepId);

/**
 * A deal's complete contribution. Open: pipeline and weighted pipeline in the period of its
 * expectedCloseDate, an open-deal level and a stall level. Closed: won/lost counts, amounts and
 * cycle days in the period it closed, plus won revenue per customer (concentration) and per market cell.
 */
export const dealEntries = (deal: DealData, stallDays: number): Entry[] => {
  const a = deal.attribution;
  const own = dealScopes(deal);
  const entries: Entry[] = [];
  if (deal.openedAt !== null) entries.push(...span(C.openDeals, own, deal.openedAt, deal.closedAt));
  if (deal.lastTouchAt !== null) entries.push(...span(C.stalledDeals, own, stallStart(deal.lastTouchAt, stallDays), deal.closedAt));
  if (deal.status === 'open') {
    if (deal.expectedCloseDate !== null) {
      entries.push(...sums(C.openPipeline, own, deal.expectedCloseDate, deal.amount));
      entries.push(...sums(C.weightedPipeline, own, deal.expectedCloseDate, round6(deal.amount * deal.probability)));
    }
    return entries;
  }
  const at = deal.closedAt as string;
  const byCount = [...own, channel(a.channel), segment(a.segment)];
  if (deal.status === 'lost') {
    entries.push(...sums(C.lostDeals, byCount, at, 1), ...sums(C.lostAmount, own, at, deal.amount));
    return entries;
  }
  entries.push(
    ...sums(C.wonRevenue, [...byCount, region(a.region), marketCell(a.segment, a.region)], at, deal.amount),
    ...sums(C.wonDeals, byCount, at, 1),
    ...sums(C.customerWonRevenue, [customerWithin(ORG, a.customerId), customerWithin(team(a.teamId), a.customerId)], at, deal.amount),
  );
  if (deal.openedAt !== null) entries.push(...sums(C.wonCycleDays, own, at, elapsedDays(deal.openedAt, at)));
  return entries;
};
