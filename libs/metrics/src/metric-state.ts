import type { Entry } from './entries';
import { daysBetween, periodBounds, periodKind, periodsOf } from './periods';
import { PeriodIndex } from './period-index';

export interface EntityRecord<T = unknown> {
  readonly data: T;
  readonly entries: readonly Entry[];
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;
const isPublic = (scope: string) => !scope.includes('/') && !scope.startsWith('cell:');

/** One atomic counter cell, parsed once and reused: the hot path never splits or joins strings. */
interface Atom {
  readonly level: boolean;
  /** Sums: `counter|scope|period`; levels: `counter|scope`. */
  readonly key: string;
  readonly counter: string;
  readonly scope: string;
  /** Sums: the month, or `=<period>` for an explicitly set period; levels: the day. */
  readonly when: string;
  /** The stored period the cell touches: the month of a level's day, else `when`. */
  readonly touches: string;
  /** Levels: `counter|scope|day`, the dirty-set key. */
  readonly cell: string;
  readonly isPublic: boolean;
  /** Sums of a sub-scope (`team:a/customer:c1`): the child (`customer:c1`) and its rollup keys `counter|parent|period`. */
  readonly child: string | null;
  readonly rollups: readonly string[];
  /** Sums: the totals of its scope it adds to (its month, quarter and year, or its explicit period): counter → value. */
  readonly totals: ReadonlyArray<Map<string, number>>;
}

/** The periods a sum stored in `when` (a month, or `=<period>`) counts in. */
const countsIn = (when: string): string[] => (when.startsWith('=') ? [when.slice(1)] : periodsOf(`${when}-01`));

const EMPTY: ReadonlyMap<string, number> = new Map();

/** A sub-scope's parent and child (`team:a/customer:c1` → team:a, customer:c1); null for other scopes. */
const childOf = (scope: string): [parent: string, child: string] | null => {
  const cut = scope.indexOf('/');
  return cut < 0 || scope.startsWith('cell:') ? null : [scope.slice(0, cut), scope.slice(cut + 1)];
};

/** Where a sum stored in `when` (a month or `=<period>`) counts for child rollups. */
const rollupKeys = (counter: string, scope: string, when: string): string[] => {
  const split = childOf(scope);
  if (!split) return [];
  return countsIn(when).map((period) => `${counter}|${split[0]}|${period}`);
};

/**
 * One entity: its latest data, the entries it last contributed to the counters, and — while a
 * replacement is pending — how to compute its new entries and which event replaced it.
 */
interface EntitySlot {
  data: unknown;
  entries: readonly Entry[];
  next: (() => readonly Entry[]) | null;
  cause: unknown;
}

const NO_ENTRIES: readonly Entry[] = [];

/** counter → scope → when → atom: three lookups of interned strings instead of one joined key. */
type AtomTable = Map<string, Map<string, Map<string, Atom>>>;

/**
 * The projection's whole state in memory: counters and entities, and what changed since the
 * last flush. A sum counted `at` an instant is stored (and persisted) once, in its month, and
 * added to the totals of its month, quarter and year, which reads use. Sums set for an explicit
 * period (targets, budgets) are stored in that period. No I/O: the engine persists the dirty
 * parts, a store adapter loads them back.
 */
export class MetricState {
  readonly sums = new Map<string, number>();
  readonly levels = new Map<string, Map<string, number>>();
  private readonly slots = new Map<string, EntitySlot>();
  /**
   * Entities replaced since the last settle, with their entries still to compute: a deal touched
   * by ten events during a replay has its entries computed and netted once, not ten times. Every
   * read of the counters settles first, so what is read is always exact.
   */
  private pending: EntitySlot[] = [];
  private readonly sumAtoms: AtomTable = new Map();
  private readonly levelAtoms: AtomTable = new Map();
  private readonly index = new PeriodIndex();
  private readonly sortedLevels = new Map<string, Array<[string, number]>>();
  /**
   * scope → period → counter → the sum over that month, quarter or year, kept as sums change:
   * a read is three lookups of strings whose hashes are cached, no key joined.
   */
  private readonly totals = new Map<string, Map<string, Map<string, number>>>();
  /** `counter|parent scope|period` (month, quarter, year or explicit) → child → non-zero sum. */
  private readonly children = new Map<string, Map<string, number>>();
  /** Latest business time seen: the projection's notion of "now" (deterministic on replay). */
  clock = '';

  /**
   * `tracking: false` for a state that is only queried (an `asOf` replay): nothing is marked
   * dirty or touched, since nothing is persisted or evaluated incrementally.
   */
  constructor(private readonly options: { readonly tracking?: boolean } = {}) {}

  private get tracking(): boolean {
    return this.options.tracking !== false;
  }

  readonly dirtySums = new Set<string>();
  readonly dirtyLevels = new Set<string>();
  readonly dirtyEntities = new Set<string>();
  /** What the engine is applying now (an event); remembered per touched period+scope. */
  cause: unknown = null;
  /** stored period (month or explicit) → scope → last cause; scopes whose values may have changed. */
  private touched = new Map<string, Map<string, unknown>>();
  private takenCauses = new Map<string, unknown>();
  private earliestLevelDay: string | null = null;
  private readonly levelScopesTouched = new Map<string, unknown>();

  entity<T>(key: string): { readonly data: T } | undefined {
    return this.slots.get(key) as { readonly data: T } | undefined;
  }

  /** Every entity with its entries (settled first). */
  get entities(): ReadonlyMap<string, EntityRecord> {
    this.settle();
    return this.slots;
  }

  /**
   * Replaces an entity; the difference between its old and new entries is applied to the
   * counters when they are next read (`entries` must depend only on values it captured).
   */
  setEntity<T>(key: string, data: T, entries: () => readonly Entry[]): void {
    let slot = this.slots.get(key);
    if (!slot) this.slots.set(key, (slot = { data, entries: NO_ENTRIES, next: null, cause: null }));
    if (slot.next === null) this.pending.push(slot);
    slot.data = data;
    slot.next = entries;
    slot.cause = this.cause;
    if (this.tracking) this.dirtyEntities.add(key);
  }

  /** Nets every pending entity's new entries against the ones it last contributed. */
  settle(): void {
    if (this.pending.length === 0) return;
    const cause = this.cause;
    const pending = this.pending;
    this.pending = [];
    const net = new Map<Atom, number>();
    for (const slot of pending) {
      const entries = (slot.next as () => readonly Entry[])();
      const previous = slot.entries;
      slot.entries = entries;
      slot.next = null;
      this.cause = slot.cause;
      slot.cause = null;
      // Netted even for a first contribution: entries that cancel out never touch a counter.
      this.net(entries, 1, net);
      if (previous.length > 0) this.net(previous, -1, net);
      for (const [atom, delta] of net) if (delta !== 0) this.apply(atom, delta);
      net.clear();
    }
    this.cause = cause;
  }

  /** Adds immutable facts (a survey, an activity): they never change once counted. */
  addFacts(entries: readonly Entry[]): void {
    for (const entry of entries) if (entry.delta !== 0) this.apply(this.atomOf(entry), entry.delta);
  }

  advanceClock(isoTime: string): void {
    if (isoTime > this.clock) this.clock = isoTime;
  }

  /** A sum over a month, a quarter or a year (its months plus anything set for it explicitly). */
  sum(counter: string, scope: string, period: string): number {
    this.settle();
    return this.totals.get(scope)?.get(period)?.get(counter) ?? 0;
  }

  childSums(counter: string, scope: string, period: string): ReadonlyMap<string, number> {
    this.settle();
    return this.children.get(`${counter}|${scope}|${period}`) ?? EMPTY;
  }

  scopesWith(counter: string, period: string): string[] {
    this.settle();
    return this.index.scopesWith(counter, period);
  }

  /** Public scopes with any data in a period. */
  scopesIn(period: string): string[] {
    this.settle();
    return this.index.scopesIn(period);
  }

  /** Level on a day: the sum of the deltas of that day and every earlier day. */
  levelOn(counter: string, scope: string, day: string): number {
    this.settle();
    let total = 0;
    for (const [d, delta] of this.sortedLevel(`${counter}|${scope}`)) {
      if (d > day) break;
      total += delta;
    }
    return round(total);
  }

  /** Mean of the daily level over the days of a period before `untilDay` (exclusive). */
  averageLevel(counter: string, scope: string, period: string, untilDay: string): number | null {
    this.settle();
    const { start, end } = periodBounds(period);
    const last = untilDay < end ? untilDay : end;
    if (last <= start) return null;
    const series = this.sortedLevel(`${counter}|${scope}`);
    let level = 0;
    let i = 0;
    while (i < series.length && series[i][0] <= start) level += series[i++][1];
    let weighted = 0;
    let cursor = start;
    while (i < series.length && series[i][0] < last) {
      const [day, delta] = series[i++];
      weighted += level * daysBetween(cursor, day);
      level += delta;
      cursor = day;
    }
    weighted += level * daysBetween(cursor, last);
    return round(weighted / daysBetween(start, last));
  }

  /** Periods (month, quarter, year) and scopes touched since the last call, including later periods a level change reaches. */
  takeTouched(): Map<string, Set<string>> {
    this.settle();
    const result = new Map<string, Set<string>>();
    const causes = new Map<string, unknown>();
    const mark = (period: string, scope: string, cause: unknown) => {
      let scopes = result.get(period);
      if (!scopes) result.set(period, (scopes = new Set()));
      scopes.add(scope);
      if (cause !== null) {
        causes.set(`${period}|${scope}`, cause);
        causes.set(period, cause);
      }
    };
    for (const [stored, scopes] of this.touched) {
      const periods = stored.startsWith('=') ? [stored.slice(1)] : periodsOf(stored);
      for (const [scope, cause] of scopes) for (const period of periods) mark(period, scope, cause);
    }
    if (this.earliestLevelDay !== null && this.clock) {
      for (const period of periodsBetween(this.earliestLevelDay, this.clock)) {
        for (const [scope, cause] of this.levelScopesTouched) if (!causes.has(`${period}|${scope}`)) mark(period, scope, cause);
      }
    }
    this.touched = new Map();
    this.takenCauses = causes;
    this.earliestLevelDay = null;
    this.levelScopesTouched.clear();
    return result;
  }

  /** Every period with data (sums, or levels up to the clock) and its public scopes: a full evaluation. */
  everyPeriodAndScope(): Map<string, Set<string>> {
    this.settle();
    // As the incremental path marks them: sums in the periods they are stored in, levels in
    // every period from their first day up to the clock (not beyond).
    const result = new Map<string, Set<string>>();
    for (const stored of this.index.periods()) {
      for (const period of stored.startsWith('=') ? [stored.slice(1)] : periodsOf(stored)) if (!result.has(period)) result.set(period, this.index.sumScopesIn(period));
    }
    let firstDay: string | null = null;
    for (const series of this.levels.values()) for (const day of series.keys()) if (firstDay === null || day < firstDay) firstDay = day;
    if (firstDay !== null && this.clock) {
      const levelScopes = this.index.levelScopeList();
      for (const period of periodsBetween(firstDay, this.clock)) {
        let scopes = result.get(period);
        if (!scopes) result.set(period, (scopes = new Set()));
        for (const scope of levelScopes) scopes.add(scope);
      }
    }
    for (const [period, scopes] of result) if (scopes.size === 0) result.delete(period);
    return result;
  }

  /** The last cause that touched a period+scope in the batch last taken (any scope of it as a fallback). */
  causeOf(period: string, scope: string): unknown {
    return this.takenCauses.get(`${period}|${scope}`) ?? this.takenCauses.get(period) ?? null;
  }

  clearDirty(): void {
    this.dirtySums.clear();
    this.dirtyLevels.clear();
    this.dirtyEntities.clear();
  }

  /** Loading persisted state: set values directly, without marking anything dirty. */
  loadSum(key: string, value: number): void {
    const [counter, scope, period] = key.split('|');
    this.sums.set(key, value);
    this.index.countSum(counter, scope, period, 0, value);
    for (const p of countsIn(period)) this.addTotal(this.totalsOf(scope, p), counter, value);
    const split = childOf(scope);
    if (split) for (const rollup of rollupKeys(counter, scope, period)) this.addChild(rollup, split[1], value);
  }

  loadLevel(key: string, day: string, delta: number): void {
    let series = this.levels.get(key);
    if (!series) this.levels.set(key, (series = new Map()));
    this.index.countLevel(key.slice(key.indexOf('|') + 1), series.get(day) ?? 0, delta);
    series.set(day, delta);
    this.sortedLevels.delete(key);
  }

  loadEntity(key: string, record: EntityRecord): void {
    this.slots.set(key, { data: record.data, entries: record.entries, next: null, cause: null });
  }

  private net(entries: readonly Entry[], sign: number, into: Map<Atom, number>): void {
    for (const entry of entries) {
      const atom = this.atomOf(entry);
      into.set(atom, (into.get(atom) ?? 0) + sign * entry.delta);
    }
  }

  private atomOf(entry: Entry): Atom {
    // An explicitly set period is marked `=`: it never rolls up into a quarter or a year.
    const level = entry.kind === 'level';
    const when = entry.kind === 'level' ? entry.day : 'period' in entry ? `=${entry.period}` : entry.at.slice(0, 7);
    const table = level ? this.levelAtoms : this.sumAtoms;
    let byScope = table.get(entry.counter);
    if (!byScope) table.set(entry.counter, (byScope = new Map()));
    let byWhen = byScope.get(entry.scope);
    if (!byWhen) byScope.set(entry.scope, (byWhen = new Map()));
    let atom = byWhen.get(when);
    if (!atom) {
      const { counter, scope } = entry;
      const key = level ? `${counter}|${scope}` : `${counter}|${scope}|${when}`;
      const child = level ? null : (childOf(scope)?.[1] ?? null);
      const rollups = child === null ? [] : rollupKeys(counter, scope, when);
      const totals = level ? [] : countsIn(when).map((period) => this.totalsOf(scope, period));
      atom = { level, key, counter, scope, when, touches: level ? when.slice(0, 7) : when, cell: level ? `${key}|${when}` : key, isPublic: isPublic(scope), child, rollups, totals };
      byWhen.set(when, atom);
    }
    return atom;
  }

  private apply(atom: Atom, delta: number): void {
    if (atom.level) return this.addLevel(atom, delta);
    const previous = this.sums.get(atom.key) ?? 0;
    const next = round(previous + delta);
    this.sums.set(atom.key, next);
    this.index.countSum(atom.counter, atom.scope, atom.when, previous, next);
    for (const totals of atom.totals) this.addTotal(totals, atom.counter, delta);
    if (atom.child !== null) for (const rollup of atom.rollups) this.addChild(rollup, atom.child, delta);
    if (!this.tracking) return;
    this.dirtySums.add(atom.key);
    this.touch(atom.touches, atom.scope);
  }

  private addLevel(atom: Atom, delta: number): void {
    let series = this.levels.get(atom.key);
    if (!series) this.levels.set(atom.key, (series = new Map()));
    const previous = series.get(atom.when) ?? 0;
    const next = round(previous + delta);
    series.set(atom.when, next);
    this.index.countLevel(atom.scope, previous, next);
    this.sortedLevels.delete(atom.key);
    if (!this.tracking) return;
    this.dirtyLevels.add(atom.cell);
    this.touch(atom.touches, atom.scope);
    if (this.earliestLevelDay === null || atom.when < this.earliestLevelDay) this.earliestLevelDay = atom.when;
    if (atom.isPublic) this.levelScopesTouched.set(atom.scope, this.cause);
  }

  private totalsOf(scope: string, period: string): Map<string, number> {
    let byPeriod = this.totals.get(scope);
    if (!byPeriod) this.totals.set(scope, (byPeriod = new Map()));
    let totals = byPeriod.get(period);
    if (!totals) byPeriod.set(period, (totals = new Map()));
    return totals;
  }

  private addTotal(totals: Map<string, number>, counter: string, delta: number): void {
    const next = round((totals.get(counter) ?? 0) + delta);
    if (next === 0) totals.delete(counter);
    else totals.set(counter, next);
  }

  private addChild(rollup: string, child: string, delta: number): void {
    let sums = this.children.get(rollup);
    if (!sums) this.children.set(rollup, (sums = new Map()));
    const next = round((sums.get(child) ?? 0) + delta);
    if (next === 0) sums.delete(child);
    else sums.set(child, next);
  }

  private touch(period: string, scope: string): void {
    let scopes = this.touched.get(period);
    if (!scopes) this.touched.set(period, (scopes = new Map()));
    scopes.set(scope, this.cause);
  }

  private sortedLevel(key: string): Array<[string, number]> {
    let sorted = this.sortedLevels.get(key);
    if (!sorted) {
      sorted = [...(this.levels.get(key) ?? new Map<string, number>())].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      this.sortedLevels.set(key, sorted);
    }
    return sorted;
  }
}

const monthsCache = new Map<string, string[]>();

/** The months of a quarter or a year (memoised: every quarter or year sum reads them). */
export const monthsOf = (period: string): string[] => {
  let months = monthsCache.get(period);
  if (!months) monthsCache.set(period, (months = computeMonths(period)));
  return months;
};

const computeMonths = (period: string): string[] => {
  const year = period.slice(0, 4);
  const first = periodKind(period) === 'quarter' ? (Number(period.slice(6)) - 1) * 3 + 1 : 1;
  const count = periodKind(period) === 'quarter' ? 3 : periodKind(period) === 'year' ? 12 : 0;
  return Array.from({ length: count }, (_, i) => `${year}-${String(first + i).padStart(2, '0')}`);
};

/** Every month, quarter and year from the one containing `fromDay` to the one containing `toIso`. */
export const periodsBetween = (fromDay: string, toIso: string): string[] => {
  const periods = new Set<string>();
  let year = Number(fromDay.slice(0, 4));
  let month = Number(fromDay.slice(5, 7));
  const endYear = Number(toIso.slice(0, 4));
  const endMonth = Number(toIso.slice(5, 7));
  while (year < endYear || (year === endYear && month <= endMonth)) {
    for (const p of periodsOf(`${year}-${String(month).padStart(2, '0')}-01`)) periods.add(p);
    month++;
    if (month === 13) {
      month = 1;
      year++;
    }
  }
  return [...periods];
};
