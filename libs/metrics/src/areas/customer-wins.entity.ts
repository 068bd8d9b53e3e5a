import type { Entry } from '../entries';
import { sums } from '../entries';
import type { FoldContext } from '../definition';
import { channel, ORG, segment, team } from '../scopes';
import { COUNTERS as C } from './counters';
import { customerKey, CustomerData } from './customer.entity';
import { round6, span } from './support';

/** A won deal of the customer: [dealId, wonAt, amount, the deal's teamId, the deal's segment]. */
type WonDeal = readonly [string, string, number, string, string];

/**
 * The deals a customer has won, kept apart from the lifecycle entity because they come from the
 * deals context: repeat purchase needs the first two win dates, marketing_roi the revenue of
 * customers by the channel that acquired them. Deduplicated by deal id.
 */
export interface CustomerWinsData {
  /** Earliest first. */
  readonly deals: readonly WonDeal[];
  /** The attribution the entries were computed with (`team|segment|channel`), to know when to redo them. */
  readonly basis: string;
}

export const customerWinsKey = (customerId: string) => `customer-wins:${customerId}`;

interface Basis {
  readonly teamId: string;
  readonly segment: string;
  /** The acquisition channel: known only once the customer is registered. */
  readonly channel: string | null;
}

/**
 * The customer's own team and segment once registered; until then the first won deal's, so an
 * unknown customer still counts (and moves to its own team when the registration arrives).
 */
const basisOf = (customer: CustomerData | undefined, deals: readonly WonDeal[]): Basis =>
  customer?.registeredAt
    ? { teamId: customer.attribution.teamId, segment: customer.attribution.segment, channel: customer.attribution.channel }
    : { teamId: deals[0][3], segment: deals[0][4], channel: null };

const keyOf = (b: Basis) => `${b.teamId}|${b.segment}|${b.channel ?? ''}`;

const winsEntries = (deals: readonly WonDeal[], basis: Basis): Entry[] => {
  const scopes = [ORG, team(basis.teamId), segment(basis.segment)];
  const entries = span(C.buyingCustomers, scopes, deals[0][1], null);
  if (deals.length > 1) entries.push(...span(C.repeatCustomers, scopes, deals[1][1], null));
  if (basis.channel === null) return entries;
  // One entry per month with wins keeps the list short for customers with many deals.
  const byMonth = new Map<string, number>();
  for (const [, wonAt, amount] of deals) byMonth.set(wonAt.slice(0, 7), (byMonth.get(wonAt.slice(0, 7)) ?? 0) + amount);
  for (const [month, amount] of byMonth) entries.push(...sums(C.acquiredWonRevenue, [ORG, channel(basis.channel)], `${month}-01`, round6(amount)));
  return entries;
};

const save = (ctx: FoldContext, customerId: string, deals: readonly WonDeal[]): void => {
  const basis = basisOf(ctx.entity<CustomerData>(customerKey(customerId))?.data, deals);
  ctx.setEntity<CustomerWinsData>(customerWinsKey(customerId), { deals, basis: keyOf(basis) }, () => winsEntries(deals, basis));
};

export const recordCustomerWin = (ctx: FoldContext, customerId: string, deal: WonDeal): void => {
  const current = ctx.entity<CustomerWinsData>(customerWinsKey(customerId))?.data.deals ?? [];
  if (current.some(([dealId]) => dealId === deal[0])) return;
  // Same-instant wins are ordered by deal id so the first two dates never depend on arrival order.
  const deals = [...current, deal].sort((x, y) => Date.parse(x[1]) - Date.parse(y[1]) || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  save(ctx, customerId, deals);
};

/** After a customer event: redo the wins only if the attribution they were computed with changed. */
export const refreshCustomerWins = (ctx: FoldContext, customerId: string): void => {
  const wins = ctx.entity<CustomerWinsData>(customerWinsKey(customerId))?.data;
  if (!wins) return;
  const basis = basisOf(ctx.entity<CustomerData>(customerKey(customerId))?.data, wins.deals);
  if (keyOf(basis) !== wins.basis) save(ctx, customerId, wins.deals);
};
