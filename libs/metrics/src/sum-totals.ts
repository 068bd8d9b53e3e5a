import { periodsCountedIn } from './periods';

const round = (value: number) => Math.round(value * 1e6) / 1e6;
const EMPTY: ReadonlyMap<string, number> = new Map();


/** A sub-scope's parent and child (`team:a/customer:c1` → team:a, customer:c1); null for other scopes. */
const childOf = (scope: string): [parent: string, child: string] | null => {
  const cut = scope.indexOf('/');
  return cut < 0 || scope.startsWith('cell:') ? null : [scope.slice(0, cut), scope.slice(cut + 1)];
};

/** The `n` children with the highest positive sums, highest first (ties: by child, ascending). */
export interface TopChildren {
  readonly children: readonly string[];
  readonly values: readonly number[];
}

const NO_TOP: TopChildren = { children: [], values: [] };

/** A parent's top children as last computed, kept up to date while that is cheap (see SumTotals.add). */
interface TopCache {
  readonly n: number;
  readonly prefix: string;
  readonly children: string[];
  readonly values: number[];
  valid: boolean;
}

/** Adds a cell to an index by period → counter → scope. */
const addToIndex = (byPeriod: Map<string, Map<string, Map<string, TotalCell>>>, period: string, counter: string, scope: string, cell: TotalCell): void => {
  let counters = byPeriod.get(period);
  if (!counters) byPeriod.set(period, (counters = new Map()));
  let scopes = counters.get(counter);
  if (!scopes) counters.set(counter, (scopes = new Map()));
  scopes.set(scope, cell);
};

/** Adds every cell of one scope (period → counter → cell) to an index by period. */
const indexScope = (byPeriod: Map<string, Map<string, Map<string, TotalCell>>>, scope: string, periods: ReadonlyMap<string, ReadonlyMap<string, TotalCell>>): void => {
  for (const [period, counters] of periods) for (const [counter, cell] of counters) addToIndex(byPeriod, period, counter, scope, cell);
};

const ranksAbove = (value: number, child: string, otherValue: number, other: string) => value > otherValue || (value === otherValue && child < other);

/**
 * Puts `child` with `value` at slot `from` (its own, or the last one, whose occupant drops out)
 * and moves it up past every child it ranks above, shifting them down.
 */
const moveUp = (children: string[], values: number[], from: number, child: string, value: number): void => {
  let i = from;
  while (i > 0 && ranksAbove(value, child, values[i - 1], children[i - 1])) {
    children[i] = children[i - 1];
    values[i] = values[i - 1];
    i--;
  }
  children[i] = child;
  values[i] = value;
};

/** The top `n` by a scan of every child (nothing allocated per child). */
const scanTop = (sums: ReadonlyMap<string, number>, n: number, prefix: string): TopCache => {
  const children: string[] = [];
  const values: number[] = [];
  sums.forEach((value, child) => {
    if (value <= 0 || !child.startsWith(prefix)) return;
    if (children.length === n && !ranksAbove(value, child, values[n - 1], children[n - 1])) return;
    moveUp(children, values, Math.min(children.length, n - 1), child, value);
  });
  return { n, prefix, children, values, valid: true };
};

/**
 * A child's sum moved from `previous` to `next`: a rise moves it up or into the top (the top
 * holds every positive child while there are fewer than `n`), a fall of a child in the top
 * invalidates it (one below may now rank above it: the next read scans), any other fall
 * changes nothing.
 */
const updateTop = (top: TopCache, child: string, previous: number, next: number): void => {
  if (next === previous || !child.startsWith(top.prefix)) return;
  const { children, values, n } = top;
  let i = children.indexOf(child);
  if (next < previous) {
    if (i >= 0) top.valid = false;
    return;
  }
  if (i < 0) {
    if (next <= 0 || (children.length === n && !ranksAbove(next, child, values[n - 1], children[n - 1]))) return;
    i = Math.min(children.length, n - 1);
  }
  moveUp(children, values, i, child, next);
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
  /**
   * The same cells by period → counter → scope: a ranking reads one counter of every peer, and
   * each lookup in the map of every scope (customers' sub-scopes included, ~100k over a large
   * history) missed the caches; the scopes with one counter in one period are a few hundred.
   * Built at the first read and kept from then on: a replay, which reads nothing until it has
   * folded every event, does not pay for keeping it while it folds.
   */
  private byPeriod: Map<string, Map<string, Map<string, TotalCell>>> | null = null;
  /** `counter|parent scope|period` → child → non-zero sum. */
  private readonly children = new Map<string, Map<string, number>>();
  /** Per child sums asked for their top: it, kept up to date as they change. */
  private readonly tops = new WeakMap<Map<string, number>, TopCache>();

  sum(counter: string, scope: string, period: string): number {
    return this.cell(counter, scope, period)?.value ?? 0;
  }

  /** Every counter's total of a scope in a period (undefined: none yet). */
  totalsOf(scope: string, period: string): ReadonlyMap<string, TotalCell> | undefined {
    return this.totals.get(scope)?.get(period);
  }

  /** The total cell of a counter in a scope and period, if it ever had a sum. */
  cell(counter: string, scope: string, period: string): TotalCell | undefined {
    return (this.byPeriod ??= this.indexByPeriod()).get(period)?.get(counter)?.get(scope);
  }

  private indexByPeriod(): Map<string, Map<string, Map<string, TotalCell>>> {
    const index = new Map<string, Map<string, Map<string, TotalCell>>>();
    for (const [scope, periods] of this.totals) indexScope(index, scope, periods);
    return index;
  }

  /** The index by period while `indexInSlices` builds it (cells created meanwhile are added to it too). */
  private building: Map<string, Map<string, Map<string, TotalCell>>> | null = null;

  /**
   * Builds the index by period (see `byPeriod`) `scopes` scopes at a time with `pause` between:
   * over a million-event replay it holds ~300k cells, and built in one go at the first read it
   * held the serving thread ~0.2–0.3 s. Reads meanwhile see no partial index (one built in one go
   * serves them); the sliced one is used once complete.
   */
  async indexInSlices(pause: () => Promise<void>, scopes = 2_000): Promise<void> {
    if (this.byPeriod || this.building) return;
    const index = (this.building = new Map());
    try {
      let done = 0;
      for (const [scope, periods] of [...this.totals]) {
        indexScope(index, scope, periods);
        if (++done % scopes === 0) await pause();
      }
    } finally {
      this.building = null;
    }
    this.byPeriod ??= index;
  }

  childSums(counter: string, scope: string, period: string): ReadonlyMap<string, number> {
    return this.children.get(`${counter}|${scope}|${period}`) ?? EMPTY;
  }

  /**
   * The `n` children (named with `prefix`) with the highest positive sums of a counter under a
   * scope in a period: scanned once, then kept up to date as the sums change — the org's sums
   * hold every customer, and a ranking of them was asked on every evaluation.
   */
  topChildren(counter: string, scope: string, period: string, n: number, prefix: string): TopChildren {
    const sums = this.children.get(`${counter}|${scope}|${period}`);
    if (!sums) return NO_TOP;
    let top = this.tops.get(sums);
    if (!top || !top.valid || top.n !== n || top.prefix !== prefix) this.tops.set(sums, (top = scanTop(sums, n, prefix)));
    return top;
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
      if (!cell) {
        byCounter.set(counter, (cell = { value: 0 }));
        if (this.byPeriod) addToIndex(this.byPeriod, period, counter, scope, cell);
        if (this.building) addToIndex(this.building, period, counter, scope, cell);
      }
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
      const previous = sums.get(child) ?? 0;
      const next = round(previous + delta);
      if (next === 0) sums.delete(child);
      else sums.set(child, next);
      const top = this.tops.get(sums);
      if (top?.valid) updateTop(top, child, previous, next);
    }
  }
}
