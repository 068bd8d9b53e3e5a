import { periodBounds, periodKind } from './periods';
import { isPublicScope as isPublic } from './scopes';

const monthsIn = (period: string): string[] => {
  const kind = periodKind(period);
  if (kind === 'month') return [];
  const year = period.slice(0, 4);
  const first = kind === 'quarter' ? (Number(period.slice(6)) - 1) * 3 + 1 : 1;
  return Array.from({ length: kind === 'quarter' ? 3 : 12 }, (_, i) => `${year}-${String(first + i).padStart(2, '0')}`);
};

const adjust = (counts: Map<string, number>, key: string, by: number): void => {
  const count = (counts.get(key) ?? 0) + by;
  if (count > 0) counts.set(key, count);
  else counts.delete(key);
};

/**
 * Which scopes have data where. Counted, not just collected, so a scope whose data nets back to
 * zero (an entity recomputed with another attribution) stops having data: otherwise the scope
 * lists would depend on the order in which streams of different contexts arrive. Sums are
 * indexed by the period they are stored in (a month, or `=<period>` when set explicitly) and
 * read for a quarter or a year as the union of its months and its explicit entries.
 */
export class PeriodIndex {
  /** stored period → public scope → number of non-zero sums. */
  private readonly periodScopes = new Map<string, Map<string, number>>();
  /** public scope with a level → day → number of non-zero level deltas on it (a level reaches every later period). */
  private readonly levelDays = new Map<string, Map<string, number>>();
  /**
   * public scope with a level → the earliest day it has a non-zero level delta on. It moves later
   * when the deltas of that day net back to zero: a customer registered and churned on one day,
   * then won again in March, has a level from March — as a state that folded those events in
   * another order or together has (it kept the first day it ever had before, so live evaluation
   * stored values for February that a rebuild never stores).
   */
  private readonly levelFirstDays = new Map<string, string>();
  /** `counter|stored period` → scopes (including internal ones) that ever had that sum. */
  private readonly sumScopes = new Map<string, Set<string>>();

  countSum(counter: string, scope: string, period: string, previous: number, next: number): void {
    const had = previous !== 0;
    const has = next !== 0;
    if (has && !had) {
      const key = `${counter}|${period}`;
      let scopes = this.sumScopes.get(key);
      if (!scopes) this.sumScopes.set(key, (scopes = new Set()));
      scopes.add(scope);
    }
    if (had === has || !isPublic(scope)) return;
    let inPeriod = this.periodScopes.get(period);
    if (!inPeriod) this.periodScopes.set(period, (inPeriod = new Map()));
    adjust(inPeriod, scope, has ? 1 : -1);
  }

  countLevel(scope: string, day: string, previous: number, next: number): void {
    if (!isPublic(scope) || (previous === 0) === (next === 0)) return;
    let days = this.levelDays.get(scope);
    if (!days) this.levelDays.set(scope, (days = new Map()));
    adjust(days, day, next === 0 ? -1 : 1);
    const first = this.levelFirstDays.get(scope);
    if (next !== 0) {
      if (first === undefined || day < first) this.levelFirstDays.set(scope, day);
    } else if (days.size === 0) {
      this.levelDays.delete(scope);
      this.levelFirstDays.delete(scope);
    } else if (first === day && !days.has(day)) {
      let earliest: string | undefined;
      for (const other of days.keys()) if (earliest === undefined || other < earliest) earliest = other;
      this.levelFirstDays.set(scope, earliest as string);
    }
  }

  scopesWith(counter: string, period: string): string[] {
    const scopes = new Set(this.sumScopes.get(`${counter}|=${period}`) ?? []);
    if (periodKind(period) === 'month') for (const scope of this.sumScopes.get(`${counter}|${period}`) ?? []) scopes.add(scope);
    for (const month of monthsIn(period)) for (const scope of this.sumScopes.get(`${counter}|${month}`) ?? []) scopes.add(scope);
    return [...scopes];
  }

  /** Public scopes with a non-zero sum in a period (levels aside). */
  sumScopesIn(period: string): Set<string> {
    const scopes = new Set<string>(this.periodScopes.get(`=${period}`)?.keys() ?? []);
    if (periodKind(period) === 'month') for (const scope of this.periodScopes.get(period)?.keys() ?? []) scopes.add(scope);
    for (const month of monthsIn(period)) for (const scope of this.periodScopes.get(month)?.keys() ?? []) scopes.add(scope);
    return scopes;
  }

  /**
   * Public scopes with a sum in a period, and those with a level whose first day is before the
   * period ends, if the period has started by `clockDay` (a level holds from its first day on,
   * up to now).
   */
  scopesIn(period: string, clockDay: string): string[] {
    const scopes = this.sumScopesIn(period);
    const { start, end } = periodBounds(period);
    if (clockDay !== '' && start <= clockDay) for (const [scope, first] of this.levelFirstDays) if (first < end) scopes.add(scope);
    return [...scopes];
  }

  /** Public scopes with a level, with the first day of each. */
  levelScopesSince(): Array<readonly [scope: string, firstDay: string]> {
    return [...this.levelFirstDays];
  }

  periods(): string[] {
    return [...this.periodScopes.keys()];
  }
}
