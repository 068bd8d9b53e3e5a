import { periodsBetween, periodsCountedIn } from './periods';
import { isPublicScope as isPublic } from './scopes';

/**
 * What a reached scope needs evaluated: its metrics reading one of these level counters, or
 * (`ALL_LEVELS`) every metric reading a level or the day — the clock moved.
 */
export type ReachedBy = ReadonlySet<string> | typeof ALL_LEVELS;
export const ALL_LEVELS = 'all-levels';

/**
 * period → scopes an event touched (every metric may have moved), and period → scope → the
 * level counters that reached it without an event touching it there (only the metrics reading
 * them may have moved).
 */
export interface TouchedPeriods {
  readonly touched: Map<string, Set<string>>;
  readonly reached: Map<string, Map<string, ReachedBy>>;
}

/** A public scope whose levels changed: the last event that changed one, and which counters. */
export interface LevelTouch {
  cause: unknown;
  readonly counters: Set<string>;
  /** The earliest day of the changes: the level moved from there on. */
  earliestDay: string;
}

/**
 * Which periods and scopes changed since they were last evaluated, and the last event (cause)
 * that touched each: sums mark the period they are stored in; levels mark the month of their
 * day and reach every later period up to the clock (a level holds on every later day). What
 * each formula read, and which events changed that, the CauseLog keeps; the cause here is the
 * fallback for a value that moved with the clock, and the one a catch-up names.
 */
export class TouchLog {
  /** stored period (month or `=<period>`) → scope → the last cause that touched it (null: none known). */
  private touched = new Map<string, Map<string, unknown>>();
  /** period → scope → its last cause in the log last taken (nested: no key joined per scope and period). */
  private taken = new Map<string, Map<string, unknown>>();
  /** period → the last cause of any of its scopes in the log last taken (for scopes reached without one). */
  private takenByPeriod = new Map<string, unknown>();
  private readonly levelScopes = new Map<string, LevelTouch>();
  /** period → public scopes evaluated there since the state began (so with values stored there). */
  private readonly ever = new Map<string, Set<string>>();
  /** Periods and scopes reached without being touched (see `reach`). */
  private reached: Array<{ readonly period: string; readonly scopes: Iterable<string>; readonly cause: unknown; readonly by: ReachedBy }> = [];

  sum(stored: string, scope: string, cause: unknown): void {
    let scopes = this.touched.get(stored);
    if (!scopes) this.touched.set(stored, (scopes = new Map()));
    if (cause !== null || !scopes.has(scope)) scopes.set(scope, cause);
  }

  level(counter: string, day: string, month: string, scope: string, isPublic: boolean, cause: unknown): void {
    this.sum(month, scope, cause);
    if (!isPublic) return;
    let touch = this.levelScopes.get(scope);
    if (!touch) this.levelScopes.set(scope, (touch = { cause, counters: new Set(), earliestDay: day }));
    touch.cause = cause;
    touch.counters.add(counter);
    if (day < touch.earliestDay) touch.earliestDay = day;
  }

  /**
   * Scopes of a period to evaluate although no event touched them there — a level changed on an
   * earlier day, or the clock moved — for the metrics `by` names. Their cause is the given
   * event, unless an event touched them.
   */
  reach(period: string, scopes: Iterable<string>, cause: unknown, by: ReachedBy): void {
    this.reached.push({ period, scopes, cause, by });
  }

  /** Periods with the public scopes evaluated in each (touched or reached), up to the last take. */
  get everTouched(): ReadonlyMap<string, ReadonlySet<string>> {
    return this.ever;
  }

  /** A scope has values in a period (taken, or loaded with the values after a restart). */
  remember(period: string, scope: string): void {
    let scopes = this.ever.get(period);
    if (!scopes) this.ever.set(period, (scopes = new Set()));
    scopes.add(scope);
  }

  /** Public scopes whose levels changed since the last take. */
  get levelScopesTouched(): ReadonlyMap<string, LevelTouch> {
    return this.levelScopes;
  }

  /** The periods and scopes touched and reached since the last call (the log starts afresh). */
  take(clock: string): TouchedPeriods {
    const touched = new Map<string, Set<string>>();
    const causes = new Map<string, Map<string, unknown>>();
    const causesIn = (period: string): Map<string, unknown> => {
      let inPeriod = causes.get(period);
      if (!inPeriod) causes.set(period, (inPeriod = new Map()));
      return inPeriod;
    };
    const byPeriod = new Map<string, unknown>();
    for (const [stored, scopes] of this.touched) {
      const periods = periodsCountedIn(stored);
      for (const [scope, cause] of scopes) {
        if (isPublic(scope)) for (const period of periods) this.remember(period, scope);
        for (const period of periods) {
          let inPeriod = touched.get(period);
          if (!inPeriod) touched.set(period, (inPeriod = new Set()));
          inPeriod.add(scope);
          if (cause === null) continue;
          // A quarter or a year takes the cause of the month touched last.
          causesIn(period).set(scope, cause);
          byPeriod.set(period, cause);
        }
      }
    }
    if (clock) {
      const since = new Map<string, string[]>();
      for (const [scope, { cause, counters, earliestDay }] of this.levelScopes) {
        const month = earliestDay.slice(0, 7);
        let periods = since.get(month);
        if (!periods) since.set(month, (periods = periodsBetween(earliestDay, clock)));
        for (const period of periods) this.reach(period, [scope], cause, counters);
      }
    }
    const reached = new Map<string, Map<string, ReachedBy>>();
    for (const { period, scopes, cause, by } of this.reached) {
      const inPeriod = touched.get(period);
      let only = reached.get(period);
      for (const scope of scopes) {
        if (inPeriod?.has(scope)) continue;
        if (!only) reached.set(period, (only = new Map()));
        only.set(scope, merge(only.get(scope), by));
        this.remember(period, scope);
        if (cause === null) continue;
        const periodCauses = causesIn(period);
        if (!periodCauses.has(scope)) periodCauses.set(scope, cause);
        if (!byPeriod.has(period)) byPeriod.set(period, cause);
      }
    }
    this.touched = new Map();
    this.reached = [];
    this.taken = causes;
    this.takenByPeriod = byPeriod;
    this.levelScopes.clear();
    return { touched, reached };
  }

  /** The last cause that touched a period+scope in the log last taken (any scope of it as a fallback). */
  causeOf(period: string, scope: string): unknown {
    return this.taken.get(period)?.get(scope) ?? this.takenByPeriod.get(period) ?? null;
  }
}

const merge = (a: ReachedBy | undefined, b: ReachedBy): ReachedBy => {
  if (a === undefined) return b;
  if (a === ALL_LEVELS || b === ALL_LEVELS) return ALL_LEVELS;
  return a === b ? a : new Set([...a, ...b]);
};
