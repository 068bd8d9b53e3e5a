import type { Entry } from './entries';
import type { SumTargets, SumTotals } from './sum-totals';
import { isPublicScope as isPublic } from './scopes';
import type { LevelSeries } from './level-series';

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
  readonly isPublic: boolean;
  /** Sums: the totals (month, quarter and year, or the explicit period) and child sums it adds to. */
  readonly targets: SumTargets;
  /** Sums: the stored value (the sum of the cell in `when`). */
  value: number;
  /** Changed since the state was last flushed. */
  dirty: boolean;
  /** Scratch for netting one entity's entries: the net delta, valid while `netting` is the current round. */
  net: number;
  netting: number;
  /** Levels: the series it adds to, once it has added to it. */
  series: LevelSeries | null;
}

/**
 * The atoms of one counter in one scope, by their `when` key (see `monthKey` and `dayKey`), and
 * the `counter|scope` key its level atoms share.
 */
class AtomRow extends Map<number | string, Atom> {
  constructor(readonly key: string) {
    super();
  }
}

/** counter → scope → row. */
type AtomTable = Map<string, Map<string, AtomRow>>;

const digit = (text: string, at: number): number => {
  const code = text.charCodeAt(at) - 48;
  return code >= 0 && code <= 9 ? code : -1e9;
};

/** `YYYY-MM…` as a number (year × 100 + month), or the month itself when it is not in that shape. */
const monthKey = (time: string): number | string => {
  const key = (((digit(time, 0) * 10 + digit(time, 1)) * 10 + digit(time, 2)) * 10 + digit(time, 3)) * 100 + digit(time, 5) * 10 + digit(time, 6);
  return key >= 0 && time.charCodeAt(4) === 45 ? key : time.slice(0, 7);
};

/** `YYYY-MM-DD` as a number (month key × 100 + day), or the day itself when it is not in that shape. */
const dayKey = (day: string): number | string => {
  const month = monthKey(day);
  const key = typeof month === 'number' ? month * 100 + digit(day, 8) * 10 + digit(day, 9) : -1;
  return key >= 0 && day.length === 10 && day.charCodeAt(7) === 45 ? key : day;
};

/**
 * The atoms of every entry seen, parsed once. An entry finds its atom by its counter and scope
 * (two lookups of the entry's own strings, skipped when they are the previous entry's: an
 * entity's entries come in runs of one counter and scope) and then by its month or day read as a
 * number — no string is cut or joined on the way, and everything the hot path needs is
 * precomputed on the atom.
 */
export class Atoms {
  private readonly sums: AtomTable = new Map();
  private readonly levels: AtomTable = new Map();
  /** Every sum atom, for reading all stored sums. */
  readonly sumAtoms: Atom[] = [];
  private lastSum: { counter: string; scope: string; row: AtomRow | null } = { counter: '', scope: '', row: null };
  private lastLevel: { counter: string; scope: string; row: AtomRow | null } = { counter: '', scope: '', row: null };

  constructor(private readonly totals: SumTotals) {}

  of(entry: Entry): Atom {
    if (entry.kind === 'level') {
      const row = this.rowOf(true, entry.counter, entry.scope);
      const key = dayKey(entry.day);
      return row.get(key) ?? this.create(row, key, true, entry.counter, entry.scope, entry.day);
    }
    const row = this.rowOf(false, entry.counter, entry.scope);
    // An explicitly set period is marked `=`: it never rolls up into a quarter or a year.
    if ('period' in entry) {
      const when = `=${entry.period}`;
      return row.get(when) ?? this.create(row, when, false, entry.counter, entry.scope, when);
    }
    const key = monthKey(entry.at);
    return row.get(key) ?? this.create(row, key, false, entry.counter, entry.scope, entry.at.slice(0, 7));
  }

  /** The sum atom of a stored key `counter|scope|when` (loading persisted state). */
  sumOf(key: string): Atom {
    const [counter, scope, when] = key.split('|');
    const row = this.rowOf(false, counter, scope);
    const rowKey = when.startsWith('=') ? when : monthKey(when);
    return row.get(rowKey) ?? this.create(row, rowKey, false, counter, scope, when);
  }

  private rowOf(level: boolean, counter: string, scope: string): AtomRow {
    const last = level ? this.lastLevel : this.lastSum;
    if (last.row !== null && counter === last.counter && scope === last.scope) return last.row;
    const table = level ? this.levels : this.sums;
    let byScope = table.get(counter);
    if (!byScope) table.set(counter, (byScope = new Map()));
    let row = byScope.get(scope);
    if (!row) byScope.set(scope, (row = new AtomRow(`${counter}|${scope}`)));
    last.counter = counter;
    last.scope = scope;
    last.row = row;
    return row;
  }

  private create(row: AtomRow, rowKey: number | string, level: boolean, counter: string, scope: string, when: string): Atom {
    const key = level ? row.key : `${row.key}|${when}`;
    const targets = level ? NO_TARGETS : this.totals.targetsFor(counter, scope, when);
    const atom: Atom = { level, key, counter, scope, when, touches: level ? when.slice(0, 7) : when, isPublic: isPublic(scope), targets, value: 0, dirty: false, net: 0, netting: 0, series: null };
    row.set(rowKey, atom);
    if (!level) this.sumAtoms.push(atom);
    return atom;
  }
}
