import type { Entry } from './entries';
import { type EntityMemo, type EntityRecord, EntitySlot } from './entity-slot';
import { dayNumber, dayOf, periodBounds, periodsBetween, periodsCountedIn } from './periods';
import { Atom, Atoms } from './atoms';
import { CauseKey, CauseLog } from './cause-log';
import { SumTotals, TopChildren, TotalCell } from './sum-totals';
import { ALL_LEVELS, TouchedPeriods, TouchLog } from './touch-log';
import { DirtyList } from './dirty-list';
import { PeriodIndex } from './period-index';
import { LevelSeries, type SortedSeries } from './level-series';

export type { EntityMemo, EntityRecord } from './entity-slot';

const round = (value: number) => Math.round(value * 1e6) / 1e6;

/** The number of days ≤ `day` (binary search). */
const countUpTo = (days: readonly string[], day: string): number => {
  let low = 0;
  let high = days.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (days[mid] <= day) low = mid + 1;
    else high = mid;
  }
  return low;
};

/**
 * The projection's whole state in memory: counters and entities, and what changed since the
 * last flush. A sum counted `at` an instant is stored (and persisted) once, in its month, and
 * added to the totals of its month, quarter and year, which reads use. Sums set for an explicit
 * period (targets, budgets) are stored in that period. No I/O: the engine persists the dirty
 * parts, a store adapter loads them back.
 */
export class MetricState {
  private readonly series = new Map<string, LevelSeries>();
  /**
   * The same series by counter, then scope: a formula reads a level by its counter and scope, the
   * caller's own strings (their hashes kept), instead of a key joined for every read — a ranking
   * reads one per peer each batch.
   */
  private readonly seriesByCounter = new Map<string, Map<string, LevelSeries>>();

  /** Every level series, `counter|scope` → day → delta. */
  get levels(): ReadonlyMap<string, ReadonlyMap<string, number>> {
    return this.series;
  }
  private readonly slots = new Map<string, EntitySlot>();
  /**
   * Entities replaced since the last settle, with their entries still to compute: a deal touched
   * by ten events during a replay has its entries computed and netted once, not ten times. Every
   * read of the counters settles first, so what is read is always exact.
   */
  private pending: EntitySlot[] = [];
  private readonly index = new PeriodIndex();
  private readonly totals = new SumTotals();
  private readonly atoms = new Atoms(this.totals);
  /** Latest business time seen: the projection's notion of "now" (deterministic on replay). */
  clock = '';
  /** The clock's day when touched periods were last taken for evaluation ('' before the first). */
  private evaluatedDay = '';
  /** The event that moved the clock into its current day. */
  private clockCause: unknown = null;

  /**
   * `tracking: false` for a state that is only queried (an `asOf` replay): nothing is marked
   * dirty or touched, since nothing is persisted or evaluated incrementally.
   */
  constructor(private readonly options: { readonly tracking?: boolean } = {}) {}

  private get tracking(): boolean {
    return this.options.tracking !== false;
  }

  /** Sum atoms changed since the last flush. */
  private readonly dirtyAtoms = new DirtyList<Atom>();
  private readonly dirtyLevelAtoms = new DirtyList<Atom>();

  /** The level cells changed since the last flush (`key` the series, `when` the day; see `levelDelta`). */
  get dirtyLevelCells(): readonly Atom[] {
    return this.dirtyLevelAtoms.list;
  }

  /** A level cell's delta now. */
  levelDelta(cell: Atom): number {
    return cell.series?.get(cell.when) ?? 0;
  }
  private readonly dirtySlots = new DirtyList<EntitySlot>();

  /** Keys of the entities replaced since the last flush. */
  get dirtyEntities(): string[] {
    return this.dirtySlots.list.map((slot) => slot.key);
  }

  /** The entities replaced since the last flush (settle first to read their entries). */
  get dirtyEntitySlots(): ReadonlyArray<{ readonly key: string; snapshot(): EntityRecord }> {
    return this.dirtySlots.list;
  }
  /** What the engine is applying now (an event); remembered per touched period+scope. */
  cause: unknown = null;
  private readonly touched = new TouchLog();
  /** Per input of the formulas (total cell, child sums, level series), the events that changed it. */
  readonly causes = new CauseLog();

  /** Every stored sum, `counter|scope|when` → value (zeros included, as they are persisted). */
  get sums(): ReadonlyMap<string, number> {
    return new Map(this.atoms.sumAtoms.map((atom) => [atom.key, atom.value]));
  }

  /** Keys of the sums changed since the last flush. */
  get dirtySums(): string[] {
    return this.dirtyAtoms.list.map((atom) => atom.key);
  }

  /** The sum atoms changed since the last flush (`key`, `value`), for the store. */
  get dirtySumAtoms(): readonly Atom[] {
    return this.dirtyAtoms.list;
  }

  /**
   * The two entities last looked up: a fold reads an entity and then replaces it (a deal fold,
   * two of them), and each lookup in a map of hundreds of thousands hashes a key built anew.
   */
  private recent: [key: string, slot: EntitySlot | undefined, key: string, slot: EntitySlot | undefined] = ['', undefined, '', undefined];

  /**
   * The memo of the stream whose event is being applied (null: none), set by the caller around
   * each event. Sound because an entity's slot is never replaced or dropped once created (only
   * `loadEntity`, before any event, creates slots otherwise).
   */
  memo: EntityMemo | null = null;

  private slotOf(key: string): EntitySlot | undefined {
    const recent = this.recent;
    if (key === recent[0]) return recent[1];
    if (key === recent[2]) return recent[3];
    const memo = this.memo;
    let slot: EntitySlot | undefined;
    if (memo !== null && memo.memo0 !== null && memo.memo0.key === key) slot = memo.memo0;
    else if (memo !== null && memo.memo1 !== null && memo.memo1.key === key) slot = memo.memo1;
    else {
      slot = this.slots.get(key);
      if (slot && memo !== null) this.remember(memo, slot);
    }
    recent[2] = recent[0];
    recent[3] = recent[1];
    recent[0] = key;
    recent[1] = slot;
    return slot;
  }

  private remember(memo: EntityMemo, slot: EntitySlot): void {
    memo.memo1 = memo.memo0;
    memo.memo0 = slot;
  }

  entity<T>(key: string): { readonly data: T } | undefined {
    return this.slotOf(key) as { readonly data: T } | undefined;
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
    let slot = this.slotOf(key);
    if (!slot) {
      this.slots.set(key, (slot = new EntitySlot(key, data)));
      // slotOf just cached the miss under this key
      if (this.recent[0] === key) this.recent[1] = slot;
      else this.recent[3] = slot;
      if (this.memo !== null) this.remember(this.memo, slot);
    }
    if (slot.next === null) this.pending.push(slot);
    slot.data = data;
    slot.next = entries;
    slot.cause = this.cause;
    if (this.tracking) this.dirtySlots.mark(slot);
  }

  /** Nets every pending entity's new entries against the ones it last contributed. */
  settle(): void {
    if (this.pending.length === 0) return;
    const pending = this.pending;
    this.pending = [];
    this.settleSlots(pending);
  }

  /**
   * Nets at most `max` pending entities, oldest first: a long replay settles in slices and lets
   * other work run in between. True when nothing is pending any more. (Any read settles the rest.)
   */
  settleSome(max: number): boolean {
    if (this.pending.length <= max) {
      this.settle();
      return true;
    }
    this.settleSlots(this.pending.splice(0, max));
    return false;
  }

  /** The round of netting in progress (marks the atoms an entity's entries reached, see `Atom.net`). */
  private netting = 0;
  private readonly netted: Atom[] = [];

  private settleSlots(pending: readonly EntitySlot[]): void {
    const cause = this.cause;
    const netted = this.netted;
    for (const slot of pending) {
      const entries = (slot.next as () => readonly Entry[])();
      slot.next = null;
      this.cause = slot.cause;
      slot.cause = null;
      // Netted even for a first contribution: entries that cancel out never touch a counter.
      const turn = ++this.netting;
      netted.length = 0; // (left over only if an earlier netting threw half-way)
      const atoms: Atom[] = [];
      const deltas: number[] = [];
      for (let i = 0; i < entries.length; i++) {
        const { delta } = entries[i];
        const atom = this.atoms.of(entries[i]);
        atoms.push(atom);
        deltas.push(delta);
        this.addNet(atom, delta, turn);
      }
      if (slot.loaded) {
        for (const entry of slot.loaded.entries) this.addNet(this.atoms.of(entry), -entry.delta, turn);
        slot.loaded = null;
      } else {
        const previous = slot.atoms;
        for (let i = 0; i < previous.length; i++) this.addNet(previous[i], -slot.deltas[i], turn);
      }
      slot.atoms = atoms;
      slot.deltas = deltas;
      for (let i = 0; i < netted.length; i++) if (netted[i].net !== 0) this.apply(netted[i], netted[i].net);
      netted.length = 0;
    }
    this.cause = cause;
  }

  /** Adds to an atom's net delta in this round of netting (first reached: remembered, in order). */
  private addNet(atom: Atom, delta: number, turn: number): void {
    if (atom.netting !== turn) {
      atom.netting = turn;
      atom.net = 0;
      this.netted.push(atom);
    }
    atom.net += delta;
  }

  /** Adds immutable facts (a survey, an activity): they never change once counted. */
  addFacts(entries: readonly Entry[]): void {
    for (const entry of entries) if (entry.delta !== 0) this.apply(this.atoms.of(entry), entry.delta);
  }

  advanceClock(isoTime: string): void {
    if (isoTime <= this.clock) return;
    if (isoTime.slice(0, 10) !== this.clock.slice(0, 10)) this.clockCause = this.cause;
    this.clock = isoTime;
  }

  /** Loading persisted state: a stored metric value's scope and period (a level change may reach them). */
  loadValueOf(period: string, scope: string): void {
    this.touched.remember(period, scope);
  }

  /** Loading persisted state: the clock as of the last evaluation. */
  loadClock(isoTime: string): void {
    this.clock = isoTime;
    this.evaluatedDay = dayOf(isoTime);
    this.clockCause = null;
  }

  /** Prepares what the first evaluation reads, in slices with `pause` between (see `SumTotals.indexInSlices`). */
  async prepareReadsInSlices(pause: () => Promise<void>): Promise<void> {
    this.settle();
    await this.totals.indexInSlices(pause);
  }

  /** A sum over a month, a quarter or a year (its months plus anything set for it explicitly). */
  sum(counter: string, scope: string, period: string): number {
    this.settle();
    return this.totals.sum(counter, scope, period);
  }

  /**
   * The total cells of one scope and period by counter, for a formula context that reads many of
   * them and traces what it read (`causes`): valid until the state next changes.
   */
  totalsOf(scope: string, period: string): ReadonlyMap<string, TotalCell> | undefined {
    this.settle();
    return this.totals.totalsOf(scope, period);
  }

  /** The total cell of a counter in a scope and period, if it ever had a sum. */
  totalCell(counter: string, scope: string, period: string): TotalCell | undefined {
    this.settle();
    return this.totals.cell(counter, scope, period);
  }

  childSums(counter: string, scope: string, period: string): ReadonlyMap<string, number> {
    this.settle();
    return this.totals.childSums(counter, scope, period);
  }

  /** The `n` children named with `prefix` with the highest positive sums (see SumTotals.topChildren). */
  topChildren(counter: string, scope: string, period: string, n: number, prefix: string): TopChildren {
    this.settle();
    return this.totals.topChildren(counter, scope, period, n, prefix);
  }

  /** The key under which `causes` keeps the changes of a level series. */
  levelKey(counter: string, scope: string): CauseKey {
    return `${counter}|${scope}`;
  }

  scopesWith(counter: string, period: string): string[] {
    this.settle();
    return this.index.scopesWith(counter, period);
  }

  /**
   * Public scopes with data in a period: sums in it, or a level from before its end when the
   * period has started (as a full evaluation covers them): a rep hired today is not a peer in
   * last year's rankings, nor in next quarter's before it starts.
   */
  scopesIn(period: string): string[] {
    this.settle();
    return this.index.scopesIn(period, dayOf(this.clock));
  }

  /** Level on a day: the sum of the deltas of that day and every earlier day. */
  levelOn(counter: string, scope: string, day: string): number {
    this.settle();
    const { days, level } = this.sortedLevel(counter, scope);
    const count = countUpTo(days, day);
    return count === 0 ? 0 : round(level[count - 1]);
  }

  /** Mean of the daily level over the days of a period before `untilDay` (exclusive). */
  averageLevel(counter: string, scope: string, period: string, untilDay: string): number | null {
    this.settle();
    const { start, end } = periodBounds(period);
    const last = untilDay < end ? untilDay : end;
    if (last <= start) return null;
    const { days, deltas, level: levels } = this.sortedLevel(counter, scope);
    let i = countUpTo(days, start);
    let level = i === 0 ? 0 : levels[i - 1];
    let weighted = 0;
    let cursor = start;
    while (i < days.length && days[i] < last) {
      const day = days[i];
      weighted += level * (dayNumber(day) - dayNumber(cursor));
      level += deltas[i++];
      cursor = day;
    }
    weighted += level * (dayNumber(last) - dayNumber(cursor));
    return round(weighted / (dayNumber(last) - dayNumber(start)));
  }

  /**
   * Periods (month, quarter, year) and scopes touched since the last call, and those whose values
   * may have moved without being touched (reached): later periods a level change reaches — up to
   * the clock, and beyond it every period where that scope has values (a period not started yet
   * reads its levels now) — and, when the clock moved into a later day, every scope
   * with data in the periods between the two days, since what their formulas read as "today"
   * moved (stalled deals, open complaints, averages up to today), and every scope with values in a
   * period not started yet, which reads those levels now. What a full evaluation would
   * store, a live evaluation stores too; reached scopes need only their time-dependent metrics.
   */
  takeTouched(): TouchedPeriods {
    this.settle();
    const day = dayOf(this.clock);
    if (this.tracking && this.evaluatedDay !== '' && day > this.evaluatedDay) {
      for (const period of periodsBetween(this.evaluatedDay, day)) this.touched.reach(period, this.scopesIn(period), this.clockCause, ALL_LEVELS);
      // A period not started yet reads its levels now (at period end or now): they moved with the day too.
      for (const [period, scopes] of this.touched.everTouched) {
        if (periodBounds(period).start > day) this.touched.reach(period, [...scopes], this.clockCause, ALL_LEVELS);
      }
    }
    if (day !== '') this.evaluatedDay = day;
    const levelScopes = this.touched.levelScopesTouched;
    if (levelScopes.size > 0 && day !== '') {
      for (const [period, scopes] of this.touched.everTouched) {
        if (periodBounds(period).start <= day) continue;
        for (const [scope, { cause, counters }] of levelScopes) if (scopes.has(scope)) this.touched.reach(period, [scope], cause, counters);
      }
    }
    this.causes.take();
    return this.touched.take(this.clock);
  }

  /** Every period with data (sums, or levels up to the clock) and its public scopes: a full evaluation. */
  everyPeriodAndScope(): Map<string, Set<string>> {
    this.settle();
    // As the incremental path marks them: sums in the periods they are stored in, levels in
    // every period from their first day up to the clock (not beyond).
    const result = new Map<string, Set<string>>();
    for (const stored of this.index.periods()) {
      for (const period of periodsCountedIn(stored)) if (!result.has(period)) result.set(period, this.index.sumScopesIn(period));
    }
    if (this.clock) {
      for (const [scope, firstDay] of this.index.levelScopesSince()) {
        for (const period of periodsBetween(firstDay, this.clock)) {
          let scopes = result.get(period);
          if (!scopes) result.set(period, (scopes = new Set()));
          scopes.add(scope);
        }
      }
    }
    for (const [period, scopes] of result) if (scopes.size === 0) result.delete(period);
    return result;
  }

  /** The last cause that touched a period+scope in the batch last taken (any scope of it as a fallback). */
  causeOf(period: string, scope: string): unknown {
    return this.touched.causeOf(period, scope);
  }

  clearDirty(): void {
    this.dirtyAtoms.clear();
    this.dirtyLevelAtoms.clear();
    this.dirtySlots.clear();
  }

  /** Loading persisted state: set values directly, without marking anything dirty. */
  loadSum(key: string, value: number): void {
    const atom = this.atoms.sumOf(key);
    const previous = atom.value;
    atom.value = value;
    this.index.countSum(atom.counter, atom.scope, atom.when, previous, value);
    this.totals.add(atom.targets, value - previous);
  }

  loadLevel(key: string, day: string, delta: number): void {
    const series = this.seriesOf(key);
    this.index.countLevel(key.slice(key.indexOf('|') + 1), day, series.get(day) ?? 0, delta);
    series.put(day, delta);
  }

  private seriesOf(key: string): LevelSeries {
    let series = this.series.get(key);
    if (!series) {
      this.series.set(key, (series = new LevelSeries()));
      const cut = key.indexOf('|');
      const counter = key.slice(0, cut);
      let byScope = this.seriesByCounter.get(counter);
      if (!byScope) this.seriesByCounter.set(counter, (byScope = new Map()));
      byScope.set(key.slice(cut + 1), series);
    }
    return series;
  }

  loadEntity(key: string, record: EntityRecord): void {
    const slot = new EntitySlot(key, record.data);
    slot.loaded = record;
    this.slots.set(key, slot);
    this.recent = ['', undefined, '', undefined];
  }

  private apply(atom: Atom, delta: number): void {
    if (atom.level) return this.addLevel(atom, delta);
    const previous = atom.value;
    const next = round(previous + delta);
    atom.value = next;
    // Only a change between zero and non-zero moves a scope in or out of the index.
    if ((previous === 0) !== (next === 0)) this.index.countSum(atom.counter, atom.scope, atom.when, previous, next);
    this.totals.add(atom.targets, delta);
    if (!this.tracking) return;
    this.dirtyAtoms.mark(atom);
    this.touched.sum(atom.touches, atom.scope, this.cause);
    if (this.causes.on && this.cause !== null) {
      for (const cell of atom.targets.cells) this.causes.add(cell, this.cause);
      for (const sums of atom.targets.childSums) this.causes.add(sums, this.cause);
    }
  }

  private addLevel(atom: Atom, delta: number): void {
    const series = (atom.series ??= this.seriesOf(atom.key));
    const previous = series.get(atom.when) ?? 0;
    const next = round(previous + delta);
    series.put(atom.when, next);
    this.index.countLevel(atom.scope, atom.when, previous, next);
    if (!this.tracking) return;
    this.dirtyLevelAtoms.mark(atom);
    this.touched.level(atom.counter, atom.when, atom.touches, atom.scope, atom.isPublic, this.cause);
    if (this.causes.on && this.cause !== null) this.causes.add(atom.key, this.cause, atom.when);
  }

  private sortedLevel(counter: string, scope: string): SortedSeries {
    return this.seriesByCounter.get(counter)?.get(scope)?.sorted ?? LevelSeries.EMPTY;
  }
}
