import type { Atom } from './atoms';
import type { Entry } from './entries';

export interface EntityRecord<T = unknown> {
  readonly data: T;
  readonly entries: readonly Entry[];
}

/** A record as a store loaded it: its entries may be built only when read (see `EntitySlot.loaded`). */
type LoadedRecord = Pick<EntityRecord, 'entries'>;

const NO_ATOMS: readonly Atom[] = [];
const NO_DELTAS: readonly number[] = [];

/** An entry as the atom it adds to says it (a sum counted at an instant keeps only its month, all that counts). */
const entryOf = (atom: Atom, delta: number): Entry =>
  atom.level
    ? { kind: 'level', counter: atom.counter, scope: atom.scope, delta, day: atom.when }
    : atom.when.startsWith('=')
      ? { kind: 'sum', counter: atom.counter, scope: atom.scope, delta, period: atom.when.slice(1) }
      : { kind: 'sum', counter: atom.counter, scope: atom.scope, delta, at: atom.when };

/**
 * The two entities last used by the events of one stream, kept on that stream's own record by
 * whoever applies the events (see `MetricState.memo`): a stream's events keep coming back to the
 * same entities (a deal's events to its deal and its life), and finding them there is a compare
 * of keys where the map of every entity — hundreds of thousands of keys, each built anew by the
 * fold and hashed — costs a cache miss or more per lookup (2 s of a 1M-event replay).
 */
export interface EntityMemo {
  memo0: EntitySlot | null;
  memo1: EntitySlot | null;
}

/**
 * One entity: its latest data, what it last contributed to the counters, and — while a
 * replacement is pending — how to compute its new entries and which event replaced it. The
 * contribution is kept as the atoms it added to and the amounts (two arrays, not an object per
 * entry: a million-event history holds millions of them, and every young-generation collection
 * copied them; the amounts a plain array of doubles, as cheap to allocate as any array, where a
 * typed array costs a buffer of its own); `entries` rebuilds entries from them when they are persisted.
 */
export class EntitySlot implements EntityRecord {
  atoms: readonly Atom[] = NO_ATOMS;
  deltas: readonly number[] = NO_DELTAS;
  /**
   * The record loaded from a store, until the entity is netted again (its entries resolved to
   * atoms then): its entries are read only then, so a store may keep them in a compact form until
   * then (a restart loads millions, most never netted again).
   */
  loaded: LoadedRecord | null = null;
  next: (() => readonly Entry[]) | null = null;
  cause: unknown = null;
  /** Replaced since the last flush. */
  dirty = false;

  constructor(
    readonly key: string,
    public data: unknown,
  ) {}

  get entries(): readonly Entry[] {
    return entriesOf(this.loaded, this.atoms, this.deltas);
  }

  /**
   * The record as it is now, unchanged by later replacements or nettings (which assign new
   * arrays, never change these): a batch being written holds it while the state goes on. Its
   * entries are built only when read — materialised at collection, hundreds of thousands of
   * entities' entries lived until written and cost a rebuild seconds of garbage collection.
   */
  snapshot(): EntityRecord {
    return new EntitySnapshot(this.data, this.loaded, this.atoms, this.deltas);
  }
}

const entriesOf = (loaded: LoadedRecord | null, atoms: readonly Atom[], deltas: readonly number[]): readonly Entry[] => {
  if (loaded) return loaded.entries;
  const entries: Entry[] = new Array(atoms.length);
  for (let i = 0; i < entries.length; i++) entries[i] = entryOf(atoms[i], deltas[i]);
  return entries;
};

class EntitySnapshot implements EntityRecord {
  constructor(
    readonly data: unknown,
    private readonly loaded: LoadedRecord | null,
    private readonly atoms: readonly Atom[],
    private readonly deltas: readonly number[],
  ) {}

  get entries(): readonly Entry[] {
    return entriesOf(this.loaded, this.atoms, this.deltas);
  }

  /** As a plain record: a store may serialise the whole batch (the MongoDB redo journal does). */
  toJSON(): { readonly data: unknown; readonly entries: readonly Entry[] } {
    return { data: this.data, entries: this.entries };
  }
}
