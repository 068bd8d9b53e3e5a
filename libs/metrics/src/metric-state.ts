import { Entry, netAtoms } from './entries';
import { daysBetween, periodBounds, periodsOf } from './periods';

export interface EntityRecord<T = unknown> {
  readonly data: T;
  readonly entries: readonly Entry[];
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

/**
 * The projection's whole state in memory: counters (sums per scope+period, day deltas of
 * levels), entities (with the entries they contributed), and what changed since the last flush.
 * No I/O: the engine persists the dirty parts, a store adapter loads them back.
 */
export class MetricState {
  readonly sums = new Map<string, number>();
  readonly levels = new Map<string, Map<string, number>>();
  readonly entities = new Map<string, EntityRecord>();
  /** `counter|period` → scopes having that sum (peer lists, market cells, top customers). */
  private readonly sumScopes = new Map<string, Set<string>>();
  private readonly sortedLevels = new Map<string, Array<[string, number]>>();
  /**
   * period → public scope → how many non-zero sums it has there; and public scope → how many
   * non-zero level deltas it has. Counted, not just collected, so a scope whose data nets back to
   * zero (an entity recomputed with another attribution) stops having data: otherwise the scope
   * lists would depend on the order in which streams of different contexts arrive.
   */
  private readonly periodScopes = new Map<string, Map<string, number>>();
  private readonly levelScopes = new Map<string, number>();
  /** Latest business time seen: the projection's notion of "now" (deterministic on replay). */
  clock = '';

  readonly dirtySums = new Set<string>();
  readonly dirtyLevels = new Set<string>();
  readonly dirtyEntities = new Set<string>();
  /** period → scopes whose values may have changed since `takeTouched()`. */
  private touched = new Map<string, Set<string>>();
  /** What the engine is applying now (an event); remembered per touched period+scope. */
  cause: unknown = null;
  private causes = new Map<string, unknown>();
  private takenCauses = new Map<string, unknown>();
  private earliestLevelDay: string | null = null;
  private readonly levelScopesTouched = new Set<string>();

  entity<T>(key: string): EntityRecord<T> | undefined {
    return this.entities.get(key) as EntityRecord<T> | undefined;
  }

  /** Replaces an entity; the difference between its old and new entries is applied to the counters. */
  setEntity<T>(key: string, data: T, entries: readonly Entry[]): void {
    const previous = this.entities.get(key);
    const net = netAtoms(entries, 1);
    if (previous) netAtoms(previous.entries, -1, net);
    this.entities.set(key, { data, entries });
    this.dirtyEntities.add(key);
    this.applyAtoms(net);
  }

  /** Adds immutable facts (a survey, an activity): they never change once counted. */
  addFacts(entries: readonly Entry[]): void {
    this.applyAtoms(netAtoms(entries));
  }

  advanceClock(isoTime: string): void {
    if (isoTime > this.clock) this.clock = isoTime;
  }

  sum(counter: string, scope: string, period: string): number {
    return this.sums.get(`${counter}|${scope}|${period}`) ?? 0;
  }

  scopesWith(counter: string, period: string): string[] {
    return [...(this.sumScopes.get(`${counter}|${period}`) ?? [])];
  }

  /** Level on a day: the sum of the deltas of that day and every earlier day. */
  levelOn(counter: string, scope: string, day: string): number {
    let total = 0;
    for (const [d, delta] of this.sortedLevel(`${counter}|${scope}`)) {
      if (d > day) break;
      total += delta;
    }
    return round(total);
  }

  /** Mean of the daily level over the days of a period before `untilDay` (exclusive). */
  averageLevel(counter: string, scope: string, period: string, untilDay: string): number | null {
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

  /** Scopes and periods touched since the last call, including later periods a level change reaches. */
  takeTouched(): Map<string, Set<string>> {
    if (this.earliestLevelDay !== null && this.clock) {
      for (const period of periodsBetween(this.earliestLevelDay, this.clock)) {
        const scopes = this.touched.get(period) ?? new Set<string>();
        for (const scope of this.levelScopesTouched) {
          scopes.add(scope);
          if (this.cause !== null && !this.causes.has(`${period}|${scope}`)) this.causes.set(`${period}|${scope}`, this.cause);
        }
        if (this.cause !== null && !this.causes.has(period)) this.causes.set(period, this.cause);
        this.touched.set(period, scopes);
      }
    }
    const touched = this.touched;
    this.touched = new Map();
    this.takenCauses = this.causes;
    this.causes = new Map();
    this.earliestLevelDay = null;
    this.levelScopesTouched.clear();
    return touched;
  }

  clearDirty(): void {
    this.dirtySums.clear();
    this.dirtyLevels.clear();
    this.dirtyEntities.clear();
  }

  /** Loading persisted state: set values directly, without marking anything dirty. */
  loadSum(key: string, value: number): void {
    const [counter, scope, period] = key.split('|');
    this.countSum(scope, period, this.sums.get(key) ?? 0, value);
    this.sums.set(key, value);
    this.indexScope(counter, scope, period);
  }

  loadLevel(key: string, day: string, delta: number): void {
    let series = this.levels.get(key);
    if (!series) this.levels.set(key, (series = new Map()));
    this.countLevel(key.slice(key.indexOf('|') + 1), series.get(day) ?? 0, delta);
    series.set(day, delta);
    this.sortedLevels.delete(key);
  }

  loadEntity(key: string, record: EntityRecord): void {
    this.entities.set(key, record);
  }

  private applyAtoms(net: Map<string, number>): void {
    for (const [atom, delta] of net) {
      if (delta === 0) continue;
      const [kind, counter, scope, when] = atom.split('|');
      if (kind === 's') this.addSum(counter, scope, when, delta);
      else this.addLevel(counter, scope, when, delta);
    }
  }

  private addSum(counter: string, scope: string, period: string, delta: number): void {
    const key = `${counter}|${scope}|${period}`;
    const previous = this.sums.get(key) ?? 0;
    const next = round(previous + delta);
    this.sums.set(key, next);
    this.dirtySums.add(key);
    this.countSum(scope, period, previous, next);
    this.indexScope(counter, scope, period);
    this.touch(period, scope);
  }

  private addLevel(counter: string, scope: string, day: string, delta: number): void {
    const key = `${counter}|${scope}`;
    let series = this.levels.get(key);
    if (!series) this.levels.set(key, (series = new Map()));
    const previous = series.get(day) ?? 0;
    const next = round(previous + delta);
    series.set(day, next);
    this.countLevel(scope, previous, next);
    this.sortedLevels.delete(key);
    this.dirtyLevels.add(`${key}|${day}`);
    for (const period of periodsOf(day)) this.touch(period, scope);
    if (this.earliestLevelDay === null || day < this.earliestLevelDay) this.earliestLevelDay = day;
    this.levelScopesTouched.add(scope);
  }

  /** Every period with data (sums, or levels up to the clock) and its public scopes: a full evaluation. */
  everyPeriodAndScope(): Map<string, Set<string>> {
    const periods = new Set(this.periodScopes.keys());
    let firstDay: string | null = null;
    for (const series of this.levels.values()) for (const day of series.keys()) if (firstDay === null || day < firstDay) firstDay = day;
    if (firstDay !== null && this.clock) for (const period of periodsBetween(firstDay, this.clock)) periods.add(period);
    return new Map([...periods].map((period) => [period, new Set(this.scopesIn(period))]));
  }

  /** Public scopes with any data in a period. */
  scopesIn(period: string): string[] {
    return [...new Set([...(this.periodScopes.get(period)?.keys() ?? []), ...this.levelScopes.keys()])];
  }

  /** Keeps the count of non-zero sums of a public scope in a period (internal scopes hold a '/'). */
  private countSum(scope: string, period: string, previous: number, next: number): void {
    if (scope.includes('/') || (previous === 0) === (next === 0)) return;
    let inPeriod = this.periodScopes.get(period);
    if (!inPeriod) this.periodScopes.set(period, (inPeriod = new Map()));
    adjustCount(inPeriod, scope, next === 0 ? -1 : 1);
  }

  private countLevel(scope: string, previous: number, next: number): void {
    if (scope.includes('/') || (previous === 0) === (next === 0)) return;
    adjustCount(this.levelScopes, scope, next === 0 ? -1 : 1);
  }

  private indexScope(counter: string, scope: string, period: string): void {
    const key = `${counter}|${period}`;
    let scopes = this.sumScopes.get(key);
    if (!scopes) this.sumScopes.set(key, (scopes = new Set()));
    scopes.add(scope);
  }

  /** The last cause that touched a period+scope in the batch last taken (any scope of it as a fallback). */
  causeOf(period: string, scope: string): unknown {
    return this.takenCauses.get(`${period}|${scope}`) ?? this.takenCauses.get(period) ?? null;
  }

  private touch(period: string, scope: string): void {
    if (this.cause !== null) {
      this.causes.set(`${period}|${scope}`, this.cause);
      this.causes.set(period, this.cause);
    }
    let scopes = this.touched.get(period);
    if (!scopes) this.touched.set(period, (scopes = new Set()));
    scopes.add(scope);
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

const adjustCount = (counts: Map<string, number>, key: string, by: number): void => {
  const count = (counts.get(key) ?? 0) + by;
  if (count > 0) counts.set(key, count);
  else counts.delete(key);
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
