import type { Entry } from './entries';
import type { SumTargets, SumTotals } from './sum-totals';
import { isPublicScope as isPublic } from './scopes';

const NO_TARGETS: SumTargets = { cells: [], child: null, childSums: [] };

/**
 * One atomic counter cell, parsed once and reused: the hot path never splits or joins strings.
 * A sum's atom also holds the stored value itself and whether it changed since the last flush,
 * so applying a delta is arithmetic on objects already at hand, not lookups in maps of strings.
 */
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
  /** Sums: the totals (month, quarter and year, or the explicit period) and child sums it adds to. */
  readonly targets: SumTargets;
  /** Sums: the stored value (the sum of the cell in `when`). */
  value: number;
  /** Sums: changed since the state was last flushed. */
  dirty: boolean;
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
  /** Every sum atom, for reading all stored sums. */
  readonly sumAtoms: Atom[] = [];

  constructor(private readonly totals: SumTotals) {}

  of(entry: Entry): Atom {
    // An explicitly set period is marked `=`: it never rolls up into a quarter or a year.
    const level = entry.kind === 'level';
    const when = entry.kind === 'level' ? entry.day : 'period' in entry ? `=${entry.period}` : entry.at.slice(0, 7);
    return this.get(level, entry.counter, entry.scope, when);
  }

  /** The sum atom of a stored key `counter|scope|when` (loading persisted state). */
  sumOf(key: string): Atom {
    const [counter, scope, when] = key.split('|');
    return this.get(false, counter, scope, when);
  }

  private get(level: boolean, counter: string, scope: string, when: string): Atom {
    const table = level ? this.levels : this.sums;
    let byScope = table.get(counter);
    if (!byScope) table.set(counter, (byScope = new Map()));
    let byWhen = byScope.get(scope);
    if (!byWhen) byScope.set(scope, (byWhen = new Map()));
    let atom = byWhen.get(when);
    if (!atom) {
      const key = level ? `${counter}|${scope}` : `${counter}|${scope}|${when}`;
      const targets = level ? NO_TARGETS : this.totals.targetsFor(counter, scope, when);
      atom = { level, key, counter, scope, when, touches: level ? when.slice(0, 7) : when, cell: level ? `${key}|${when}` : key, isPublic: isPublic(scope), targets, value: 0, dirty: false };
      byWhen.set(when, atom);
      if (!level) this.sumAtoms.push(atom);
    }
    return atom;
  }
}
