import { closeSync, existsSync, fsyncSync, openSync } from 'node:fs';
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { decodeEntityRecord, encodeEntityRecord, nextTurn } from '@quotient/projection';
import type { DeadLetter, ReadModelBatch, ReadModelSnapshot, ReadModelStore, StoredMetricChange, StoredMetricValue } from '@quotient/projection';
import { inTransaction, openDatabase } from './sqlite-database';

const HISTORY_INDEX = 'CREATE INDEX IF NOT EXISTS main.metric_changes_by_value ON metric_changes (metric, scope, period, seq)';

/**
 * A batch with at least this many changes, and more than the history already holds, rebuilds
 * the history index after its inserts instead of updating it row by row: a catch-up's or a
 * rebuild's one change per value arrives in no useful order, and 592k random index inserts cost
 * ~5 s where sorting them into a new index costs ~0.7 s. Same transaction: all or nothing.
 */
const BULK_HISTORY_ROWS = 20_000;

/** History rows per transaction when copying another version's history (~0.1 s of work here). */
const HISTORY_COPY_ROWS = 10_000;

// Entities and metric values carry JSON of hundreds of bytes to kilobytes: ordinary rowid tables
// (WITHOUT ROWID suits only rows well under a twentieth of a page), with 16 KiB pages.
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS sums (key TEXT PRIMARY KEY, value REAL NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS levels (series TEXT NOT NULL, day TEXT NOT NULL, delta REAL NOT NULL, PRIMARY KEY (series, day)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS entities (key TEXT PRIMARY KEY, record TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS streams (stream_id TEXT PRIMARY KEY, revision INTEGER NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS checkpoints (source TEXT PRIMARY KEY, position INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS metric_values (
    metric TEXT NOT NULL, scope TEXT NOT NULL, period TEXT NOT NULL, value REAL, unit TEXT NOT NULL,
    inputs TEXT NOT NULL, position INTEGER NOT NULL, source TEXT NOT NULL, updated_at TEXT NOT NULL,
    PRIMARY KEY (metric, scope, period)
  );
  CREATE TABLE IF NOT EXISTS metric_changes (
    seq INTEGER PRIMARY KEY, metric TEXT NOT NULL, scope TEXT NOT NULL, period TEXT NOT NULL, change TEXT NOT NULL
  );
  ${HISTORY_INDEX};
  CREATE TABLE IF NOT EXISTS dead_letters (seq INTEGER PRIMARY KEY, source TEXT NOT NULL, event_id TEXT NOT NULL, letter TEXT NOT NULL);
  CREATE UNIQUE INDEX IF NOT EXISTS dead_letters_by_event ON dead_letters (source, event_id);
`;

type Row = Record<string, string | number | null>;

/**
 * Read models in one SQLite file. A batch — counters, entities, stream revisions, metric values,
 * the value history and the checkpoints — is one transaction, so a crash at any instant leaves
 * the state of the last whole batch.
 */
export class SqliteReadModelStore implements ReadModelStore {
  private readonly s: Record<string, StatementSync>;
  /** The synchronous level it was opened with, while durability is deferred (see `durability`). */
  private synchronous: number | undefined;
  /** Test hook (contract suite): the next commit throws after this many row writes, as a crash would. */
  failAfterWrites: number | undefined;

  constructor(private readonly db: DatabaseSync) {
    db.exec(SCHEMA);
    const prepare = (sql: string) => db.prepare(sql);
    this.s = {
      sum: prepare('INSERT INTO sums (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      level: prepare('INSERT INTO levels (series, day, delta) VALUES (?, ?, ?) ON CONFLICT(series, day) DO UPDATE SET delta = excluded.delta'),
      levelDelete: prepare('DELETE FROM levels WHERE series = ? AND day = ?'),
      entity: prepare('INSERT INTO entities (key, record) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET record = excluded.record'),
      stream: prepare('INSERT INTO streams (stream_id, revision) VALUES (?, ?) ON CONFLICT(stream_id) DO UPDATE SET revision = excluded.revision'),
      checkpoint: prepare('INSERT INTO checkpoints (source, position) VALUES (?, ?) ON CONFLICT(source) DO UPDATE SET position = excluded.position'),
      meta: prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      value: prepare(
        `INSERT INTO metric_values (metric, scope, period, value, unit, inputs, position, source, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(metric, scope, period) DO UPDATE SET value = excluded.value, unit = excluded.unit, inputs = excluded.inputs,
           position = excluded.position, source = excluded.source, updated_at = excluded.updated_at`,
      ),
      valueDelete: prepare('DELETE FROM metric_values WHERE metric = ? AND scope = ? AND period = ?'),
      // A redelivered batch rewrites its history rows in place: same seq, same dead letter, no duplicates.
      change: prepare('INSERT OR REPLACE INTO metric_changes (seq, metric, scope, period, change) VALUES (?, ?, ?, ?, ?)'),
      deadLetter: prepare('INSERT INTO dead_letters (source, event_id, letter) VALUES (?, ?, ?) ON CONFLICT(source, event_id) DO UPDATE SET letter = excluded.letter'),
      history: prepare('SELECT seq, change FROM metric_changes WHERE metric = ? AND scope = ? AND period = ? ORDER BY seq DESC LIMIT ?'),
      changesAfter: prepare('SELECT seq, change FROM metric_changes WHERE seq > ? ORDER BY seq LIMIT ?'),
      deadLetters: prepare('SELECT letter FROM dead_letters ORDER BY seq DESC LIMIT ?'),
      historySpan: prepare('SELECT COALESCE(MAX(seq) - MIN(seq) + 1, 0) AS rows FROM metric_changes'),
    };
  }

  async load(): Promise<ReadModelSnapshot> {
    // Rows as arrays, no object per row: a restart reads millions (a 1M-event read model: 6.6–8.0 → 3.8 s).
    const rows = <T extends readonly unknown[]>(sql: string): T[] => {
      const statement = this.db.prepare(sql);
      statement.setReturnArrays(true);
      return statement.all() as unknown as T[];
    };
    const meta = new Map(rows<[string, string]>('SELECT key, value FROM meta'));
    return {
      sums: rows<[string, number]>('SELECT key, value FROM sums'),
      levels: rows<[string, string, number]>('SELECT series, day, delta FROM levels'),
      entities: rows<[string, string]>('SELECT key, record FROM entities').map(([key, record]) => [key, decodeEntityRecord(record)] as const),
      streams: rows<[string, number]>('SELECT stream_id, revision FROM streams'),
      checkpoints: Object.fromEntries(rows<[string, number]>('SELECT source, position FROM checkpoints')),
      clock: meta.get('clock') ?? '',
      counters: meta.has('counters') ? JSON.parse(meta.get('counters')!) : { eventsApplied: 0, duplicatesSkipped: 0, deadLettered: 0, changesRecorded: 0 },
      metricValues: rows<[string, string, string, number | null, string, string, number, string, string]>(
        'SELECT metric, scope, period, value, unit, inputs, position, source, updated_at FROM metric_values',
      ).map(
        ([metric, scope, period, value, unit, inputs, position, source, updatedAt]): StoredMetricValue => ({
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

  async commit(batch: ReadModelBatch): Promise<void> {
    const s = this.s;
    const failAfter = this.failAfterWrites;
    this.failAfterWrites = undefined;
    let writes = 0;
    const run = (statement: StatementSync, ...values: SQLInputValue[]) => {
      if (failAfter !== undefined && writes++ >= failAfter) throw new Error(`injected fault after ${failAfter} writes`);
      statement.run(...values);
    };
    inTransaction(this.db, () => {
      for (const [key, value] of batch.sums) run(s.sum, key, value);
      for (const [series, day, delta] of batch.levels) {
        if (delta === 0) run(s.levelDelete, series, day);
        else run(s.level, series, day, delta);
      }
      for (const [key, record] of batch.entities) run(s.entity, key, encodeEntityRecord(record));
      for (const [stream, revision] of batch.streams) run(s.stream, stream, revision);
      for (const v of batch.metricValues) run(s.value, v.metric, v.scope, v.period, v.value, v.unit, JSON.stringify(v.inputs), v.position, v.source, v.updatedAt);
      for (const [metric, scope, period] of batch.removedValues) run(s.valueDelete, metric, scope, period);
      this.writeHistory(batch.changes.length, () => {
        for (const { seq, ...change } of batch.changes) run(s.change, seq, change.metric, change.scope, change.period, JSON.stringify(change));
      });
      for (const d of batch.deadLetters) run(s.deadLetter, d.source, d.eventId, JSON.stringify(d));
      for (const [source, position] of Object.entries(batch.checkpoints)) run(s.checkpoint, source, position);
      run(s.meta, 'clock', batch.clock);
      run(s.meta, 'counters', JSON.stringify(batch.counters));
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
  async copyHistoryFrom(other: ReadModelStore, seq: number): Promise<number | null> {
    const path = other instanceof SqliteReadModelStore ? other.db.location() : null;
    if (!path) return null;
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
   * Writes `rows` history rows (inside a transaction); a catch-up-sized write rebuilds the history
   * index afterwards instead of updating it row by row (see BULK_HISTORY_ROWS).
   */
  private writeHistory(rows: number, write: () => void): void {
    // seq is dense, so MAX − MIN + 1 bounds the rows held (two index lookups, no count).
    const bulk = rows >= BULK_HISTORY_ROWS && rows > (this.s.historySpan.get() as { rows: number }).rows;
    if (bulk) this.db.exec('DROP INDEX main.metric_changes_by_value');
    write();
    if (bulk) this.db.exec(HISTORY_INDEX);
  }

  /**
   * Deferred: `synchronous = OFF`, so neither commits nor checkpoints wait for the disk (a silent
   * rebuild's 1M-event catch-up wrote 7.7–8.0 s with NORMAL, 5.3–6.5 s without). Immediate: back
   * to the level it was opened with, and the database file and its WAL — which hold everything
   * committed meanwhile, unsynced — are synced, so all of it survives a power cut before this
   * version serves.
   */
  async durability(mode: 'deferred' | 'immediate'): Promise<void> {
    if (mode === 'deferred') {
      this.synchronous ??= (this.db.prepare('PRAGMA synchronous').get() as { synchronous: number }).synchronous;
      this.db.exec('PRAGMA synchronous = OFF');
      return;
    }
    if (this.synchronous === undefined) return;
    this.db.exec(`PRAGMA synchronous = ${this.synchronous}`);
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

  async clear(): Promise<void> {
    inTransaction(this.db, () => {
      for (const table of ['sums', 'levels', 'entities', 'streams', 'checkpoints', 'meta', 'metric_values', 'metric_changes', 'dead_letters']) this.db.exec(`DELETE FROM ${table}`);
    });
  }

  async history(metric: string, scope: string, period: string, limit = 1000): Promise<StoredMetricChange[]> {
    return (this.s.history.all(metric, scope, period, limit) as Row[]).map((r) => ({ ...JSON.parse(r.change as string), seq: r.seq as number }));
  }

  async changesAfter(seq: number, limit: number): Promise<StoredMetricChange[]> {
    return (this.s.changesAfter.all(seq, limit) as Row[]).map((r) => ({ ...JSON.parse(r.change as string), seq: r.seq as number }));
  }

  async deadLetters(limit: number): Promise<DeadLetter[]> {
    return (this.s.deadLetters.all(limit) as Row[]).map((r) => JSON.parse(r.letter as string));
  }

  async close(): Promise<void> {
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
 * scope (fewer pages per live commit) measured no change.
 */
export const openSqliteReadModelStore = (path: string): SqliteReadModelStore =>
  new SqliteReadModelStore(openDatabase(path, { synchronous: 'NORMAL', pageSize: 16_384, cacheMiB: 256 }));
