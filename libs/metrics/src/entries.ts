import { dayOf, periodsOf } from './periods';

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

/** Atomic keys: `s|counter|scope|period` for sums, `l|counter|scope|day` for levels. */
export const atomsOf = (entry: Entry): string[] => {
  if (entry.kind === 'level') return [`l|${entry.counter}|${entry.scope}|${entry.day}`];
  if ('period' in entry) return [`s|${entry.counter}|${entry.scope}|${entry.period}`];
  return periodsOf(entry.at).map((period) => `s|${entry.counter}|${entry.scope}|${period}`);
};

/** Nets a list of entries into atomic key → delta, dropping zeros. */
export const netAtoms = (entries: readonly Entry[], sign = 1, into = new Map<string, number>()): Map<string, number> => {
  for (const entry of entries) {
    for (const atom of atomsOf(entry)) into.set(atom, (into.get(atom) ?? 0) + sign * entry.delta);
  }
  return into;
};
