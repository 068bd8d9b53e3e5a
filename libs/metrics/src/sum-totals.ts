import { periodsOf } from './periods';

const round = (value: number) => Math.round(value * 1e6) / 1e6;
const EMPTY: ReadonlyMap<string, number> = new Map();

/** The periods a sum stored in `when` (a month, or `=<period>`) counts in. */
export const countsIn = (when: string): string[] => (when.startsWith('=') ? [when.slice(1)] : periodsOf(`${when}-01`));

/** A sub-scope's parent and child (`team:a/customer:c1` → team:a, customer:c1); null for other scopes. */
export const childOf = (scope: string): [parent: string, child: string] | null => {
  const cut = scope.indexOf('/');
  return cut < 0 || scope.startsWith('cell:') ? null : [scope.slice(0, cut), scope.slice(cut + 1)];
};

/**
 * Sums as formulas read them, kept up to date as the stored sums change: the total of every
 * counter per scope and month, quarter and year (or explicitly set period), and the non-zero
 * sums of sub-scopes per parent (`team:a/customer:c1` under team:a). A read is a few lookups of
 * the caller's own strings (hashes cached), nothing is added up or scanned.
 */
export class SumTotals {
  /** scope → period → counter → total. */
  private readonly totals = new Map<string, Map<string, Map<string, number>>>();
  /** `counter|parent scope|period` → child → non-zero sum. */
  private readonly children = new Map<string, Map<string, number>>();

  sum(counter: string, scope: string, period: string): number {
    return this.totals.get(scope)?.get(period)?.get(counter) ?? 0;
  }

  childSums(counter: string, scope: string, period: string): ReadonlyMap<string, number> {
    return this.children.get(`${counter}|${scope}|${period}`) ?? EMPTY;
  }

  /** The total maps (counter → total) a sum of `scope` stored in `when` adds to: resolve once, add often. */
  totalsFor(scope: string, when: string): Array<Map<string, number>> {
    return countsIn(when).map((period) => {
      let byPeriod = this.totals.get(scope);
      if (!byPeriod) this.totals.set(scope, (byPeriod = new Map()));
      let totals = byPeriod.get(period);
      if (!totals) byPeriod.set(period, (totals = new Map()));
      return totals;
    });
  }

  /** The child rollup keys a sum of a sub-scope stored in `when` adds to (none for other scopes). */
  rollupsFor(counter: string, scope: string, when: string): { readonly child: string | null; readonly rollups: readonly string[] } {
    const split = childOf(scope);
    return split ? { child: split[1], rollups: countsIn(when).map((period) => `${counter}|${split[0]}|${period}`) } : { child: null, rollups: [] };
  }

  add(totals: readonly Map<string, number>[], counter: string, child: string | null, rollups: readonly string[], delta: number): void {
    for (const map of totals) addTo(map, counter, delta);
    if (child === null) return;
    for (const rollup of rollups) {
      let sums = this.children.get(rollup);
      if (!sums) this.children.set(rollup, (sums = new Map()));
      addTo(sums, child, delta);
    }
  }

  /** A persisted sum (`counter|scope|when`), when state is loaded. */
  load(counter: string, scope: string, when: string, value: number): void {
    const { child, rollups } = this.rollupsFor(counter, scope, when);
    this.add(this.totalsFor(scope, when), counter, child, rollups, value);
  }
}

const addTo = (map: Map<string, number>, key: string, delta: number): void => {
  const next = round((map.get(key) ?? 0) + delta);
  if (next === 0) map.delete(key);
  else map.set(key, next);
};
