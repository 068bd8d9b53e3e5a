import { dayOf } from './periods';

/**
 * What a fact or an entity adds to the read model. A `sum` counts in the month, quarter and
 * year of `at` (or in one explicit `period`); a `level` changes a running level from `day` on
 * (headcount, open complaints…), so its value at any instant is the sum of earlier deltas.
 */
export type Entry =
  | { readonly kind: 'sum'; readonly counter: string; readonly scope: string; readonly delta: number; readonly at: string }
  | { readonly kind: 'sum'; readonly counter: string; readonly scope: string; readonly delta: number; readonly period: string }
  | { readonly kind: 'level'; readonly counter: string; readonly scope: string; readonly delta: number; readonly day: string };

/** Adds the same amount to a counter in several scopes at one instant. */
export const sums = (counter: string, scopes: readonly string[], at: string, delta: number): Entry[] =>
  scopes.map((scope) => ({ kind: 'sum', counter, scope, at, delta }));

export const sumsInPeriod = (counter: string, scopes: readonly string[], period: string, delta: number): Entry[] =>
  scopes.map((scope) => ({ kind: 'sum', counter, scope, period, delta }));

/** A level that rises by `delta` from the day of `from` and falls back on the day of `to` (if any). */
export const levelInterval = (counter: string, scopes: readonly string[], from: string, to: string | null, delta = 1): Entry[] =>
  scopes.flatMap((scope) => {
    const rise: Entry = { kind: 'level', counter, scope, delta, day: dayOf(from) };
    return to === null || dayOf(to) === dayOf(from) ? (to === null ? [rise] : []) : [rise, { kind: 'level', counter, scope, delta: -delta, day: dayOf(to) }];
  });
