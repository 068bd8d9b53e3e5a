import type { Atom } from './atoms';
import type { Entry } from './entries';

export interface EntityRecord<T = unknown> {
  readonly data: T;
  readonly entries: readonly Entry[];
}

const NO_ATOMS: readonly Atom[] = [];
const NO_DELTAS = new Float64Array(0);

/** An entry as the atom it adds to says it (a sum counted at an instant keeps only its month, all that counts). */
const entryOf = (atom: Atom, delta: number): Entry =>
  atom.level
    ? { kind: 'level', counter: atom.counter, scope: atom.scope, delta, day: atom.when }
    : atom.when.startsWith('=')
      ? { kind: 'sum', counter: atom.counter, scope: atom.scope, delta, period: atom.when.slice(1) }
      : { kind: 'sum', counter: atom.counter, scope: atom.scope, delta, at: atom.when };

/**
 * One entity: its latest data, what it last contributed to the counters, and — while a
 * replacement is pending — how to compute its new entries and which event replaced it. The
 * contribution is kept as the atoms it added to and the amounts (two arrays, not an object per
 * entry: a million-event history holds millions of them, and every young-generation collection
 * copied them); `entries` rebuilds entries from them when they are persisted.
 */
export class EntitySlot implements EntityRecord {
  atoms: readonly Atom[] = NO_ATOMS;
  deltas: Float64Array = NO_DELTAS;
  /** Entries loaded from a store, until the entity is netted again (resolved to atoms then). */
  loaded: readonly Entry[] | null = null;
  next: (() => readonly Entry[]) | null = null;
  cause: unknown = null;
  /** Replaced since the last flush. */
  dirty = false;

  constructor(
    readonly key: string,
    public data: unknown,
  ) {}

  get entries(): readonly Entry[] {
    if (this.loaded) return this.loaded;
    const entries: Entry[] = new Array(this.atoms.length);
    for (let i = 0; i < entries.length; i++) entries[i] = entryOf(this.atoms[i], this.deltas[i]);
    return entries;
  }
}
