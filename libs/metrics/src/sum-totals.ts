import { periodsCountedIn } from './periods';

const round = (value: number) => Math.round(value * 1e6) / 1e6;
const EMPTY: ReadonlyMap<string, number> = new Map();


/** A sub-scope's parent and child (`team:a/customer:c1` → team:a, customer:c1); null for other scopes. */
const childOf = (scope: string): [parent: string, child: string] | null => {
  const cut = scope.indexOf('/');
  return cut < 0 || scope.startsWith('cell:') ? null : [scope.slice(0, cut), scope.slice(cut + 1)];
};

/** One running total (a counter of a scope in a month, quarter, year or explicit period). */
export interface TotalCell {
  value: number;
}

/** Where a stored sum adds to, resolved once per atom: its total cells and its parent's child sums. */
export interface SumTargets {
  readonly cells: readonly TotalCell[];
  /** Sub-scope sums (`team:a/customer:c1`): the child (`customer:c1`) and the per-parent maps it counts in. */
  readonly child: string | null;
  readonly childSums: ReadonlyArray<Map<string, number>>;
}

/**
 * Sums as formulas read them, kept up to date as the stored sums change: the total of every
 * counter per scope and month, quarter and year (or explicitly set period), and the non-zero
 * sums of sub-scopes per parent (`team:a/customer:c1` under team:a). A stored sum resolves its
 * cells once (`targetsFor`); adding to them is then plain arithmetic, and a read is a few lookups
 * of the caller's own strings (hashes cached) — nothing is added up or scanned.
 */
export class SumTotals {
  /** scope → period → counter → total. */
  private readonly totals = new Map<string, Map<string, Map<string, TotalCell>>>();
  /** `counter|parent scope|period` → child → non-zero sum. */
  private readonly children = new Map<string, Map<string, number>>();

  sum(counter: string, scope: string, period: string): number {
    return this.totals.get(scope)?.get(period)?.get(counter)?.value ?? 0;
  }

  /** Every counter's total of a scope in a period (undefined: none yet). */
  totalsOf(scope: string, period: string): ReadonlyMap<string, TotalCell> | undefined {
    return this.totals.get(scope)?.get(period);
  }

  childSums(counter: string, scope: string, period: string): ReadonlyMap<string, number> {
    return this.children.get(`${counter}|${scope}|${period}`) ?? EMPTY;
  }

  /** The cells and child sums a sum of `counter` in `scope`, stored in `when`, adds to. */
  targetsFor(counter: string, scope: string, when: string): SumTargets {
    const periods = periodsCountedIn(when);
    const cells = periods.map((period) => {
      let byPeriod = this.totals.get(scope);
      if (!byPeriod) this.totals.set(scope, (byPeriod = new Map()));
      let byCounter = byPeriod.get(period);
      if (!byCounter) byPeriod.set(period, (byCounter = new Map()));
      let cell = byCounter.get(counter);
      if (!cell) byCounter.set(counter, (cell = { value: 0 }));
      return cell;
    });
    const split = childOf(scope);
    if (!split) return { cells, child: null, childSums: [] };
    const childSums = periods.map((period) => {
      const key = `${counter}|${split[0]}|${period}`;
      let sums = this.children.get(key);
      if (!sums) this.children.set(key, (sums = new Map()));
      return sums;
    });
    return { cells, child: split[1], childSums };
  }

  add(targets: SumTargets, delta: number): void {
    for (const cell of targets.cells) cell.value = round(cell.value + delta);
    const { child } = targets;
    if (child === null) return;
    for (const sums of targets.childSums) {
      const next = round((sums.get(child) ?? 0) + delta);
      if (next === 0) sums.delete(child);
      else sums.set(child, next);
    }
  }
}
