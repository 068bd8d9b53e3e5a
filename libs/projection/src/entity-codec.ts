import type { EntityRecord, Entry } from '@quotient/metrics';

/** An entry as stored: `[counter, scope, when, delta, kind]`, kind 0 = sum at an instant, 1 = sum for a period, 2 = level from a day. */
type StoredEntry = readonly [string, string, string, number, 0 | 1 | 2];

const encodeEntry = (entry: Entry): StoredEntry =>
  entry.kind === 'level'
    ? [entry.counter, entry.scope, entry.day, entry.delta, 2]
    : 'period' in entry
      ? [entry.counter, entry.scope, entry.period, entry.delta, 1]
      : [entry.counter, entry.scope, entry.at, entry.delta, 0];

const decodeEntry = ([counter, scope, when, delta, kind]: StoredEntry): Entry =>
  kind === 2
    ? { kind: 'level', counter, scope, delta, day: when }
    : kind === 1
      ? { kind: 'sum', counter, scope, delta, period: when }
      : { kind: 'sum', counter, scope, delta, at: when };

/**
 * An entity record as the read-model stores keep it: entries as arrays, not objects with their
 * key names (an entity holds up to dozens; a million-event history, millions). Read models
 * written before this encoding (`{ data, entries }`) are read as they are.
 */
export const encodeEntityRecord = (record: EntityRecord): string => JSON.stringify({ data: record.data, e: record.entries.map(encodeEntry) });

export const decodeEntityRecord = (text: string): EntityRecord => {
  const stored = JSON.parse(text) as { data: unknown; e?: StoredEntry[]; entries?: Entry[] };
  return { data: stored.data, entries: stored.e ? stored.e.map(decodeEntry) : (stored.entries ?? []) };
};
