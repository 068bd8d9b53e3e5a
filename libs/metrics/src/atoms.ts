import type { Entry } from './entries';
import type { SumTotals } from './sum-totals';

const isPublic = (scope: string) => !scope.includes('/') && !scope.startsWith('cell:');

/** One atomic counter cell, parsed once and reused: the hot path never splits or joins strings. */
export interface Atom {
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
  /** Sums of a sub-scope (`team:a/customer:c1`): the child (`customer:c1`) and its rollup keys. */
  readonly child: string | null;
  readonly rollups: readonly string[];
  /** Sums: the total maps it adds to (its month, quarter and year, or its explicit period). */
  readonly totals: ReadonlyArray<Map<string, number>>;
}

/** counter → scope → when → atom. */
type AtomTable = Map<string, Map<string, Map<string, Atom>>>;

/**
 * The atoms of every entry seen, parsed once: three lookups of the entry's own strings (hashes
 * cached) instead of one joined key, and everything the hot path needs precomputed.
 */
export class Atoms {
  private readonly sums: AtomTable = new Map();
  private readonly levels: AtomTable = new Map();

  constructor(private readonly totals: SumTotals) {}

  of(entry: Entry): Atom {
    // An explicitly set period is marked `=`: it never rolls up into a quarter or a year.
    const level = entry.kind === 'level';
    const when = entry.kind === 'level' ? entry.day : 'period' in entry ? `=${entry.period}` : entry.at.slice(0, 7);
    const table = level ? this.levels : this.sums;
    let byScope = table.get(entry.counter);
    if (!byScope) table.set(entry.counter, (byScope = new Map()));
    let byWhen = byScope.get(entry.scope);
    if (!byWhen) byScope.set(entry.scope, (byWhen = new Map()));
    let atom = byWhen.get(when);
    if (!atom) {
      const { counter, scope } = entry;
      const key = level ? `${counter}|${scope}` : `${counter}|${scope}|${when}`;
      const { child, rollups } = level ? { child: null, rollups: [] } : this.totals.rollupsFor(counter, scope, when);
      const totals = level ? [] : this.totals.totalsFor(scope, when);
      atom = { level, key, counter, scope, when, touches: level ? when.slice(0, 7) : when, cell: level ? `${key}|${when}` : key, isPublic: isPublic(scope), child, rollups, totals };
      byWhen.set(when, atom);
    }
    return atom;
  }
}
