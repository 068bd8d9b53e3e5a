import type { Db, MongoClient } from 'mongodb';
import { decodeEntityRecord } from '@quotient/projection';
import type { DeadLetter, ReadModelBatch, ReadModelSnapshot, ReadModelStore, StoredMetricChange, StoredMetricValue } from '@quotient/projection';
import { applyBatch, WriteBudget } from './mongo-batch-writes';
import { type ChangeDoc, dropReadModelVersion, ensureIndexes, type ReadModelCollections, readModelCollections } from './mongo-read-model-collections';
import { RedoJournal } from './mongo-redo-journal';

export interface MongoReadModelStoreOptions {
  /** Collection prefix of this read-model version (`v1_`); empty by default. */
  readonly prefix?: string;
  /** Largest journal document; a bigger batch is journaled in chunks (tests lower it). */
  readonly journalChunkBytes?: number;
  /** Closed with the store, when the store owns its connection. */
  readonly client?: MongoClient;
}

const ZERO_COUNTERS = { eventsApplied: 0, duplicatesSkipped: 0, deadLettered: 0, changesRecorded: 0 };
const toChange = (doc: ChangeDoc): StoredMetricChange => ({ ...JSON.parse(doc.change), seq: doc._id });

/**
 * Rows in key order, as SQLite returns them: the projection core builds its scope indexes in load
 * order, and that order decides the seq order of changes within a batch — so every adapter loads
 * in the same order and a replay writes the same history. Sorted here, not by the server, which
 * has a memory limit for sorts without an index.
 */
const inKeyOrder = <T>(rows: T[], ...keys: Array<(row: T) => string>): T[] =>
  rows.sort((a, b) => {
    for (const key of keys) {
      const [x, y] = [key(a), key(b)];
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });

/**
 * Read models in MongoDB, crash-safe WITHOUT transactions (mongo-java-server has none, and a
 * replica set is not assumed). A commit is a redo journal:
 *   1. the whole batch is written as ONE journal document (`<prefix>batches`, `_id: 'pending'`,
 *      with its seq range and checkpoints); a single-document write is atomic, so this is the
 *      commit point. A batch over ~12 MB goes first as numbered chunks, then the marker.
 *   2. the batch is applied with idempotent bulk writes keyed by natural keys — full values,
 *      never increments: sums by key, levels by series+day (deleted at 0), entities by key,
 *      streams by id, metric values by metric+scope+period, history by seq, dead letters by
 *      source+eventId — then checkpoints and meta.
 *   3. the journal is deleted.
 * A crash before (1) leaves the previous state (a journal without its marker is discarded); a
 * crash after it leaves a journal that `load()` — and opening the store — applies again before
 * reading. Re-applying is harmless since every write sets a full value, so `load()` shows exactly
 * the last committed batch. One writer per prefix (the engine commits batches one at a time);
 * queries running during step 2 may see part of a batch, `load()` never does.
 */
export class MongoReadModelStore implements ReadModelStore {
  readonly collections: ReadModelCollections;
  /** Test hook (contract suite): the next commit throws after this many document writes. */
  failAfterWrites: number | undefined;
  private readonly journal: RedoJournal;
  private commitNo = 0;
  private recovered = false;
  private closed = false;
  /** `load` and `commit` run one at a time: a load's redo must never clear the journal of a commit in flight. */
  private turn: Promise<unknown> = Promise.resolve();

  constructor(
    readonly db: Db,
    private readonly options: MongoReadModelStoreOptions = {},
  ) {
    this.collections = readModelCollections(db, options.prefix ?? '');
    this.journal = new RedoJournal(this.collections.journal, options.journalChunkBytes);
  }

  get prefix(): string {
    return this.options.prefix ?? '';
  }

  /** Creates the query indexes and finishes a batch a crash interrupted. */
  async init(): Promise<this> {
    await ensureIndexes(this.collections);
    await this.recover();
    return this;
  }

  load(): Promise<ReadModelSnapshot> {
    return this.exclusive(() => this.loadNow());
  }

  commit(batch: ReadModelBatch): Promise<void> {
    return this.exclusive(() => this.commitNow(batch));
  }

  private async loadNow(): Promise<ReadModelSnapshot> {
    await this.recover();
    const c = this.collections;
    const [sums, levels, entities, streams, checkpoints, meta, values] = await Promise.all([
      c.sums.find().toArray(),
      c.levels.find().toArray(),
      c.entities.find().toArray(),
      c.streams.find().toArray(),
      c.checkpoints.find().toArray(),
      c.meta.findOne({ _id: 'state' }),
      c.values.find().toArray(),
    ]);
    return {
      sums: inKeyOrder(sums, (d) => d._id).map((d) => [d._id, d.value] as const),
      levels: inKeyOrder(levels, (d) => d.series, (d) => d.day).map((d) => [d.series, d.day, d.delta] as const),
      entities: inKeyOrder(entities, (d) => d._id).map((d) => [d._id, decodeEntityRecord(d.record)] as const),
      streams: inKeyOrder(streams, (d) => d._id).map((d) => [d._id, d.revision] as const),
      checkpoints: Object.fromEntries(checkpoints.map((d) => [d._id, d.position])),
      clock: meta?.clock ?? '',
      counters: { ...ZERO_COUNTERS, ...meta?.counters },
      metricValues: inKeyOrder(values, (d) => d.metric, (d) => d.scope, (d) => d.period).map(({ _id, ...v }): StoredMetricValue => ({ ...v, inputs: JSON.parse(v.inputs) })),
    };
  }

  private async commitNow(batch: ReadModelBatch): Promise<void> {
    const budget = new WriteBudget(this.failAfterWrites);
    this.failAfterWrites = undefined;
    try {
      if (!this.recovered) await this.recover();
      const commitNo = this.commitNo + 1;
      const parts = await this.journal.write(batch, commitNo, budget);
      await applyBatch(this.collections, batch, commitNo, budget);
      await this.journal.clear(budget, parts);
      this.commitNo = commitNo;
    } catch (error) {
      this.recovered = false; // a journal may be left: redo it before the next read or write
      throw error;
    }
  }

  /**
   * Deletes every document, the meta document (which carries a half-written build's mark) last:
   * MongoDB has no transactions here, and a crash part-way must leave the mark for the next try.
   */
  clear(): Promise<void> {
    return this.exclusive(async () => {
      const { meta, ...others } = this.collections;
      await Promise.all(Object.values(others).map((collection) => collection.deleteMany({})));
      await meta.deleteMany({});
      this.commitNo = 0;
      this.recovered = true;
    });
  }

  async history(metric: string, scope: string, period: string, limit = 1000): Promise<StoredMetricChange[]> {
    if (limit <= 0) return [];
    return (await this.collections.changes.find({ metric, scope, period }).sort({ _id: -1 }).limit(limit).toArray()).map(toChange);
  }

  async changesAfter(seq: number, limit: number): Promise<StoredMetricChange[]> {
    if (limit <= 0) return [];
    return (await this.collections.changes.find({ _id: { $gt: seq } }).sort({ _id: 1 }).limit(limit).toArray()).map(toChange);
  }

  async deadLetters(limit: number): Promise<DeadLetter[]> {
    if (limit <= 0) return [];
    const docs = await this.collections.deadLetters.find().sort({ commitNo: -1, index: -1 }).limit(limit).toArray();
    return docs.map((d) => JSON.parse(d.letter));
  }

  /** Drops another read-model version of this database (e.g. the old one after a rebuild switched). */
  dropVersion(prefix: string): Promise<string[]> {
    return dropReadModelVersion(this.db, prefix);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.options.client?.close();
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.turn.then(work);
    this.turn = run.catch(() => undefined);
    return run;
  }

  /** Redo: applies a batch whose journal committed but whose writes may not all have landed. */
  private async recover(): Promise<void> {
    const pending = await this.journal.pending();
    if (pending) {
      await applyBatch(this.collections, pending.batch, pending.commitNo, new WriteBudget());
      await this.journal.clear(new WriteBudget(), pending.parts);
    }
    this.commitNo = (await this.collections.meta.findOne({ _id: 'state' }))?.commitNo ?? 0;
    this.recovered = true;
  }
}
