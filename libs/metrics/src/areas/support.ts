import type { Entry } from '../entries';
import { levelInterval } from '../entries';
import { dayOf, daysBetween } from '../periods';
import { ORG, rep, team } from '../scopes';
import type { FoldContext, FoldMeta } from '../definition';

/** Deltas are kept to 1e-6 like the counters, so sums are the same whatever order they arrive in. */
export const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;

/** Instants compare by time, not by spelling (`…00Z` and `…00.000Z` are equal). */
export const isBefore = (a: string, b: string): boolean => Date.parse(a) < Date.parse(b);
export const earlier = (a: string | null, b: string): string => (a === null || isBefore(b, a) ? b : a);
export const later = (a: string | null, b: string): string => (a === null || isBefore(a, b) ? b : a);

export const elapsedDays = (from: string, to: string): number => round6(daysBetween(from, to));

/**
 * A running level over [from, to). Nothing when `to` falls on or before the day of `from`:
 * an interval closed within its first day never shows at a day's end, and a reversed one is noise.
 */
export const span = (counter: string, scopes: readonly string[], from: string, to: string | null): Entry[] =>
  to !== null && dayOf(to) <= dayOf(from) ? [] : levelInterval(counter, scopes, from, to);

export const orgTeam = (teamId: string): string[] => [ORG, team(teamId)];
export const orgTeamRep = (teamId: string, repId: string): string[] => [ORG, team(teamId), rep(repId)];

/**
 * Planning facts (targets, budgets, market sizes, forecasts) live one per stream and are revised by
 * later events: the highest stream revision wins, so a replayed older event never undoes a newer one.
 */
export const setRevisioned = <T extends { readonly revision: number }>(
  ctx: FoldContext,
  key: string,
  meta: FoldMeta,
  data: T,
  entries: (data: T) => Entry[],
): void => {
  const current = ctx.entity<T>(key);
  if (current && current.data.revision > meta.revision) return;
  ctx.setEntity(key, data, () => entries(data));
};

/** Inserts into a list kept sorted by instant (stable for equal instants). */
export const insertByTime = <T>(list: readonly T[], item: T, at: (x: T) => string): T[] => {
  const time = Date.parse(at(item));
  let i = list.length;
  while (i > 0 && Date.parse(at(list[i - 1])) > time) i--;
  return [...list.slice(0, i), item, ...list.slice(i)];
};
