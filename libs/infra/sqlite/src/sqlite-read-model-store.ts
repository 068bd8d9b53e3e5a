import { closeSync, existsSync, fsyncSync, openSync } from 'node:fs';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { decodeEntityRecord, nextTurn } from '@quotient/projection';
import type { DeadLetter, ReadModelBatch, ReadModelSnapshot, ReadModelStore, StoredMetricChange, StoredMetricValue } from '@quotient/projection';
import { ENCODE_PART_ROWS, encodeParts, rowsIn, tailOf } from './read-model-encoding';
import { dropOldHistoryIndex, HISTORY_BOUNDS, HISTORY_PARTITION_BITS, ReadModelWriter, SCHEMA } from './read-model-writer';
import { inTransaction, openDatabase } from './sqlite-database';
import { WriterThread } from './writer-thread';

/** History rows per transaction when copying another version's history (~0.1 s of work here). */
const HISTORY_COPY_ROWS = 10_000;

/** Rows read per turn of the event loop when the read models are loaded (a restart reads millions). */
const LOAD_SLICE = 20_000;

/**
 * A commit with at least this many rows (~80 ms of SQLite work here) is written by the store's
 * writer thread (a file store's own connection on a worker thread), so a catch-up's or a
 * rebuild's big commits neither hold the serving thread nor keep it from folding the next events
 * meanwhile. Smaller (live) commits are written on the caller's thread: handing a few thousand
 * rows over costs more than it saves (Kafka live batches of ~2,000 events: writing 0.7–0.8 s per
 * round on this thread, 1.7–1.8 s through the writer thread at 2,000 rows).
 */
export const OFFLOAD_ROWS = 20_000;

type Row = Record<string, string | number | null>;

/**
 * Read models in one SQLite file. A batch — counters, entities, stream revisions, metric values,
 * the value history and the checkpoints — is one transaction, so a crash at any instant leaves
 * the state of the last whole batch. Commits apply in the order they are called; a big one goes
 * to the store's writer thread (OFFLOAD_ROWS), and everything else waits for it.
 */
export class SqliteReadModelStore implements ReadModelStore {
  private readonly s: Record<'history' | 'historySpan' | 'changesAfter' | 'deadLetters', StatementSync>;
  private readonly writer: ReadModelWriter;
  private thread: WriterThread | null = null;
  /** Ids of batches staged on the writer thread. */
  private batches = 0;
  /** Every commit and every other change to the file, in order: each waits for the one before. */
  private tail: Promise<unknown> = Promise.resolve();
  /** The synchronous level it was opened with, while durability is deferred (see `durability`). */
  private synchronous: number | undefined;
  /** Test hook (contract suite): the next commit throws after this many row writes, as a crash would. */
  failAfterWrites: number | undefined;

  /** Commits of at least this many rows go to the writer thread; null: none (`:memory:` has no file to share). */
  private readonly offloadRows: number | null;

  constructor(
    private readonly db: DatabaseSync,
    options: { readonly offloadRows?: number | null } = {},
  ) {
    this.offloadRows = db.location() === null ? null : options.offloadRows === undefined ? OFFLOAD_ROWS : options.offloadRows;
    dropOldHistoryIndex(db);
    db.exec(SCHEMA);
    this.writer = new ReadModelWriter(db);
    const prepare = (sql: string) => db.prepare(sql);
    this.s = {
      // One partition of the history index (see HISTORY_INDEX); the expression as the index spells it.
      history: prepare(`SELECT seq, change FROM metric_changes WHERE seq >> ${HISTORY_PARTITION_BITS} = ? AND metric = ? AND scope = ? AND period = ? ORDER BY seq DESC LIMIT ?`),
      historySpan: prepare(`SELECT ${HISTORY_BOUNDS}`),
      changesAfter: prepare('SELECT seq, change FROM metric_changes WHERE seq > ? ORDER BY seq LIMIT ?'),
      deadLetters: prepare('SELECT letter FROM dead_letters ORDER BY seq DESC LIMIT ?'),
    };
  }

  /** Runs `work` after everything queued before it (whatever became of that). */
  private inOrder<T>(work: () => T | Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }

  private writerThread(): WriterThread {
    if (!this.thread || this.thread.failed) {
      const pragma = (name: string) => Object.values(this.db.prepare(`PRAGMA ${name}`).get() as Record<string, number>)[0];
      this.thread = new WriterThread(this.db.location()!, Math.round(Math.abs(pragma('cache_size')) / 1024) || 2, pragma('synchronous'));
    }
    return this.thread;
  }

  /** In the order of the commits (after those made before it, before those made after it). */
  load(): Promise<ReadModelSnapshot> {
    return this.inOrder(() => this.loadNow());
  }

  private async loadNow(): Promise<ReadModelSnapshot> {
    // Rows as arrays, no object per row: a restart reads millions (a 1M-event read model: 6.6–8.0 → 3.8 s),
    // with a turn of the event loop every LOAD_SLICE rows so the service answers meanwhile.
    const rows = async <T extends readonly unknown[], R = T>(sql: string, map?: (row: T) => R): Promise<R[]> => {
      const statement = this.db.prepare(sql);
      statement.setReturnArrays(true);
      const result: R[] = [];
      for (const row of statement.iterate() as Iterable<T>) {
        result.push(map ? map(row) : (row as unknown as R));
        if (result.length % LOAD_SLICE === 0) await nextTurn();
      }
      return result;
    };
    const meta = new Map(await rows<[string, string]>('SELECT key, value FROM meta'));
    return {
      sums: await rows<[string, number]>('SELECT key, value FROM sums'),
      levels: await rows<[string, string, number]>('SELECT series, day, delta FROM levels'),
      entities: await rows('SELECT key, record FROM entities', ([key, record]: [string, string]) => [key, decodeEntityRecord(record)] as const),
      streams: await rows<[string, number]>('SELECT stream_id, revision FROM streams'),
      checkpoints: Object.fromEntries(await rows<[string, number]>('SELECT source, position FROM checkpoints')),
      clock: meta.get('clock') ?? '',
      counters: meta.has('counters') ? JSON.parse(meta.get('counters')!) : { eventsApplied: 0, duplicatesSkipped: 0, deadLettered: 0, changesRecorded: 0 },
      metricValues: await rows(
        'SELECT metric, scope, period, value, unit, inputs, position, source, updated_at FROM metric_values',
        ([metric, scope, period, value, unit, inputs, position, source, updatedAt]: [string, string, string, number | null, string, string, number, string, string]): StoredMetricValue => ({
          metric,
          scope,
          period,
          value,
          unit,
          inputs: JSON.parse(inputs),
          position,
          source,
          updatedAt,
        }),
      ),
    };
  }

  commit(batch: ReadModelBatch): Promise<void> {
    const failAfter = this.failAfterWrites;
    this.failAfterWrites = undefined;
    const tail = tailOf(batch);
    if (this.offloadRows === null || rowsIn(batch) < this.offloadRows) {
      const parts = [...encodeParts(batch, Number.POSITIVE_INFINITY)];
      return this.inOrder(() => this.writer.write(parts, tail, failAfter));
    }
    // Encoded a part at a time with turns of the event loop between (the batch is a snapshot, see
    // ReadModelBatch), each part staged on the writer thread at once, while earlier commits are
    // still being written; in its turn the batch's transaction opens on the thread, which writes
    // the parts staged so far and the rest as they come, and the tail commits it.
    const thread = this.writerThread();
    const id = ++this.batches;
    const staging = (async () => {
      let turn = false;
      for (const part of encodeParts(batch, ENCODE_PART_ROWS)) {
        if (turn) await nextTurn();
        turn = true;
        // A part that fails to arrive fails the write below (a failed thread refuses every request).
        thread.request({ kind: 'stage', batch: id, part }).catch(() => undefined);
      }
    })();
    return this.inOrder(async () => {
      // What fails on the thread from here on (its transaction rolled back) is the write's error.
      thread.request({ kind: 'begin', batch: id, changes: batch.changes.length, failAfter }).catch(() => undefined);
      try {
        await staging;
      } catch (error) {
        await thread.request({ kind: 'abort', batch: id }).catch(() => undefined);
        throw error;
      }
      await thread.request({ kind: 'write', batch: id, tail });
    });
  }

  /**
   * Another SQLite read model's history, copied by SQLite itself (the other file attached,
   * INSERT … SELECT): no JSON is parsed or built. The other store's connection may keep writing:
   * WAL gives this one a consistent snapshot. The copy goes in slices of HISTORY_COPY_ROWS, each
   * its own transaction, with a turn of the event loop between them, and keeps the history index
   * up to date as it goes (rebuilding it after a bulk copy is faster but one long statement): a
   * rebuild taking over copies millions of rows while the replaced version still serves — one
   * transaction held the process 6.4 s for the demo's 554k rows. A failed copy fails the
   * take-over, which discards this version.
   */
  copyHistoryFrom(other: ReadModelStore, seq: number): Promise<number | null> {
    const path = other instanceof SqliteReadModelStore ? other.db.location() : null;
    if (!path) return Promise.resolve(null);
    return this.inOrder(() => this.copyHistory(path, seq));
  }

  private async copyHistory(path: string, seq: number): Promise<number> {
    this.db.prepare('ATTACH DATABASE ? AS replaced').run(path);
    try {
      const { last } = this.db.prepare('SELECT COALESCE(MAX(seq), ?) AS last FROM replaced.metric_changes WHERE seq > ?').get(seq, seq) as { last: number };
      const copy = this.db.prepare(
        'INSERT OR REPLACE INTO main.metric_changes (seq, metric, scope, period, change) SELECT seq, metric, scope, period, change FROM replaced.metric_changes WHERE seq > ? AND seq <= ? ORDER BY seq',
      );
      for (let from = seq; from < last; from += HISTORY_COPY_ROWS) {
        if (from > seq) await nextTurn();
        inTransaction(this.db, () => copy.run(from, Math.min(last, from + HISTORY_COPY_ROWS)));
      }
      return last;
    } finally {
      this.db.exec('DETACH DATABASE replaced');
    }
  }

  /**
   * Deferred: `synchronous = OFF`, so neither commits nor checkpoints wait for the disk (a silent
   * rebuild's 1M-event catch-up wrote 7.7–8.0 s with NORMAL, 5.3–6.5 s without). Immediate: back
   * to the level it was opened with, and the database file and its WAL — which hold everything
   * committed meanwhile, unsynced — are synced, so all of it survives a power cut before this
   * version serves.
   */
  durability(mode: 'deferred' | 'immediate'): Promise<void> {
    return this.inOrder(() => this.setDurability(mode));
  }

  private async setDurability(mode: 'deferred' | 'immediate'): Promise<void> {
    // The writer thread's connection has its own level: both are set (a thread started later copies this one's).
    const synchronous = async (level: string | number) => {
      this.db.exec(`PRAGMA synchronous = ${level}`);
      if (this.thread && !this.thread.failed) await this.thread.request({ kind: 'synchronous', level: String(level) });
    };
    if (mode === 'deferred') {
      this.synchronous ??= (this.db.prepare('PRAGMA synchronous').get() as { synchronous: number }).synchronous;
      await synchronous('OFF');
      return;
    }
    if (this.synchronous === undefined) return;
    await synchronous(this.synchronous);
    this.synchronous = undefined;
    const path = this.db.location();
    if (!path) return;
    for (const file of [path, `${path}-wal`]) {
      if (!existsSync(file)) continue;
      const fd = openSync(file, 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
  }

  clear(): Promise<void> {
    return this.inOrder(() =>
      inTransaction(this.db, () => {
        for (const table of ['sums', 'levels', 'entities', 'streams', 'checkpoints', 'meta', 'metric_values', 'metric_changes', 'dead_letters']) this.db.exec(`DELETE FROM ${table}`);
      }),
    );
  }

  async history(metric: string, scope: string, period: string, limit = 1000): Promise<StoredMetricChange[]> {
    const { first, last } = this.s.historySpan.get() as { first: number | null; last: number | null };
    const rows: Row[] = [];
    // Newest partition first, until `limit` changes are found (a seek per partition: ~1,000 for 8M changes).
    if (first !== null && last !== null) {
      // (Division, not JavaScript's 32-bit `>>`: seq is a 64-bit integer to SQLite.)
      const partitionOf = (seq: number) => Math.floor(seq / 2 ** HISTORY_PARTITION_BITS);
      for (let partition = partitionOf(last); partition >= partitionOf(first) && rows.length < limit; partition--) {
        rows.push(...(this.s.history.all(partition, metric, scope, period, limit - rows.length) as Row[]));
      }
    }
    return rows.map((r) => ({ ...JSON.parse(r.change as string), seq: r.seq as number }));
  }

  async changesAfter(seq: number, limit: number): Promise<StoredMetricChange[]> {
    return (this.s.changesAfter.all(seq, limit) as Row[]).map((r) => ({ ...JSON.parse(r.change as string), seq: r.seq as number }));
  }

  async deadLetters(limit: number): Promise<DeadLetter[]> {
    return (this.s.deadLetters.all(limit) as Row[]).map((r) => JSON.parse(r.letter as string));
  }

  async close(): Promise<void> {
    await this.inOrder(() => undefined);
    await this.thread?.stop();
    this.thread = null;
    if (this.db.isOpen) this.db.close();
  }
}

/**
 * Read models are rebuildable from the logs, so NORMAL sync is enough: WAL keeps them consistent.
 * SQLite's default checkpoint (every 1,000 WAL pages, by the committing connection) is kept on
 * purpose. Measured against it over the demo's 62k events (51 µs of write time per recorded
 * change): checkpointing every 10,000 pages took it to 41 µs, but its long checkpoints and their
 * fsyncs doubled freshness-p99 (70 → 170 ms) and the command services' p99 (their own commits
 * fsync the same disk); adding a worker thread that checkpoints every 250 ms took it to 35 µs and
 * still added ~25 ms to both p99s. Ordering the history index and the evaluation by period and
 * scope measured no change; partitioning the history index by seq did (see HISTORY_INDEX).
 */
export const openSqliteReadModelStore = (path: string, options: { readonly offloadRows?: number | null } = {}): SqliteReadModelStore =>
  new SqliteReadModelStore(openDatabase(path, { synchronous: 'NORMAL', pageSize: 16_384, cacheMiB: 256 }), options);
