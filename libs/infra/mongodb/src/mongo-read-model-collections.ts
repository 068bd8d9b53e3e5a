import type { Binary, Db, Document } from 'mongodb';
import type { ProjectionCounters } from '@quotient/projection';

// Opaque values (entity records, metric inputs, history rows, dead letters) are stored as JSON
// text: they carry keys MongoDB restricts ('.' and '$'), and they round-trip exactly, as in SQLite.
export interface SumDoc { _id: string; value: number }
export interface LevelDoc { _id: string; series: string; day: string; delta: number }
export interface EntityDoc { _id: string; record: string }
export interface StreamDoc { _id: string; revision: number }
export interface CheckpointDoc { _id: string; position: number }
export interface MetaDoc { _id: string; clock: string; counters: ProjectionCounters; commitNo: number }
export interface ValueDoc {
  _id: string; metric: string; scope: string; period: string; value: number | null; unit: string;
  inputs: string; position: number; source: string; updatedAt: string;
}
/** `_id` is the change's seq: its unique index serves `changesAfter` and makes a replay overwrite, not duplicate. */
export interface ChangeDoc { _id: number; metric: string; scope: string; period: string; change: string }
/** Ordered by (commitNo, index), set on first insert only: a redelivered letter keeps its place. */
export interface DeadLetterDoc { _id: string; letter: string; commitNo: number; index: number }
/** The redo journal: a marker (`_id: 'pending'`) with the batch inline, or chunks (`<commitNo>:<part>`) and a marker. */
export interface JournalDoc {
  _id: string; commitNo: number; part?: number; parts?: number; data?: Binary;
  bytes?: number; seqRange?: [number, number] | null; checkpoints?: Array<[string, number]>;
}

/** Collection names of one read-model version, after its prefix. */
export const READ_MODEL_COLLECTIONS = ['sums', 'levels', 'entities', 'streams', 'checkpoints', 'meta', 'metric_values', 'metric_changes', 'dead_letters', 'batches'] as const;

export const readModelCollections = (db: Db, prefix: string) => {
  if (!/^[A-Za-z0-9_.-]*$/.test(prefix) || prefix.startsWith('system.')) throw new Error(`invalid read-model prefix "${prefix}": use letters, digits, "_", "." or "-"`);
  const c = <T extends Document>(name: (typeof READ_MODEL_COLLECTIONS)[number]) => db.collection<T>(`${prefix}${name}`);
  return {
    sums: c<SumDoc>('sums'),
    levels: c<LevelDoc>('levels'),
    entities: c<EntityDoc>('entities'),
    streams: c<StreamDoc>('streams'),
    checkpoints: c<CheckpointDoc>('checkpoints'),
    meta: c<MetaDoc>('meta'),
    values: c<ValueDoc>('metric_values'),
    changes: c<ChangeDoc>('metric_changes'),
    deadLetters: c<DeadLetterDoc>('dead_letters'),
    journal: c<JournalDoc>('batches'),
  };
};
export type ReadModelCollections = ReturnType<typeof readModelCollections>;

/** Indexes of the query API (GET /metrics by period+scope, by metric; history of one value). */
export const ensureIndexes = async (c: ReadModelCollections): Promise<void> => {
  await Promise.all([
    c.values.createIndexes([
      { key: { period: 1, scope: 1 }, name: 'by_period_scope' },
      { key: { metric: 1, scope: 1, period: 1 }, name: 'by_metric_scope_period' },
    ]),
    c.changes.createIndexes([{ key: { metric: 1, scope: 1, period: 1, _id: 1 }, name: 'by_value_seq' }]),
    c.deadLetters.createIndexes([{ key: { commitNo: -1, index: -1 }, name: 'newest_first' }]),
  ]);
};

/** Drops the collections of one read-model version (e.g. `v1_` once `v2_` is live). */
export const dropReadModelVersion = async (db: Db, prefix: string): Promise<string[]> => {
  if (!prefix) throw new Error('refusing to drop read models without a version prefix');
  const names = (await db.listCollections({}, { nameOnly: true }).toArray())
    .map((collection) => collection.name)
    .filter((name) => name.startsWith(prefix) && (READ_MODEL_COLLECTIONS as readonly string[]).includes(name.slice(prefix.length)));
  await Promise.all(names.map((name) => db.dropCollection(name)));
  return names;
};
