import { periodsBetween, periodsOf } from './periods';

/**
 * Which periods and scopes changed since they were last evaluated, and the last event (cause)
 * that changed each: sums mark the period they are stored in, levels also every later period up
 * to the clock (a level reaches every day after its change).
 */
export class TouchLog {
  /** stored period (month or `=<period>`) → scope → last cause. */
  private touched = new Map<string, Map<string, unknown>>();
  private taken = new Map<string, unknown>();
  private earliestLevelDay: string | null = null;
  private readonly levelScopes = new Map<string, unknown>();

  sum(stored: string, scope: string, cause: unknown): void {
    let scopes = this.touched.get(stored);
    if (!scopes) this.touched.set(stored, (scopes = new Map()));
    scopes.set(scope, cause);
  }

  level(day: string, month: string, scope: string, isPublic: boolean, cause: unknown): void {
    this.sum(month, scope, cause);
    if (this.earliestLevelDay === null || day < this.earliestLevelDay) this.earliestLevelDay = day;
    if (isPublic) this.levelScopes.set(scope, cause);
  }

  /** The periods and scopes touched since the last call (the log starts afresh). */
  take(clock: string): Map<string, Set<string>> {
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
    if (this.earliestLevelDay !== null && clock) {
      for (const period of periodsBetween(this.earliestLevelDay, clock)) {
        for (const [scope, cause] of this.levelScopes) if (!causes.has(`${period}|${scope}`)) mark(period, scope, cause);
      }
    }
    this.touched = new Map();
    this.taken = causes;
    this.earliestLevelDay = null;
    this.levelScopes.clear();
    return result;
  }

  /** The last cause that touched a period+scope in the log last taken (any scope of it as a fallback). */
  causeOf(period: string, scope: string): unknown {
    return this.taken.get(`${period}|${scope}`) ?? this.taken.get(period) ?? null;
  }
}
