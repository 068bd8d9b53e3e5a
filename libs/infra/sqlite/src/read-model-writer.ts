// The SQL that writes a read-model batch into SQLite, run either on the caller's thread or on a
// writer thread of its own (this file is also that thread's entry point). It imports nothing but
// Node's built-ins and uses only erasable TypeScript, so Node runs it as it is (tests load the
// .ts, the build the .js): a worker does not go through the workspace's path aliases.
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';

/**
 * The value history's index is partitioned by sequence number, 2^13 = 8,192 changes a partition:
 * `(seq >> 13, metric, scope, period, seq)`. A live commit's changes (~50 a command, of values all
 * over the catalogue) then land in the newest partition's few pages, where an index led by the
 * value put each one on a page of its own: ~150 index pages of 16 KiB rewritten per commit of
 * ~180 changes, four fifths of the commit's time (measured: 15.9 → 5.7 ms a commit, replaying a
 * freshness run's changes). A value's history is read partition by partition, newest first: one
 * index seek each (`history`).
 */
export const HISTORY_PARTITION_BITS = 13;
export const HISTORY_INDEX = `CREATE INDEX IF NOT EXISTS main.metric_changes_by_value ON metric_changes (seq >> ${HISTORY_PARTITION_BITS}, metric, scope, period, seq)`;

/** The first and the last seq of the value history (null when it is empty): two seeks, no scan. */
export const HISTORY_BOUNDS = '(SELECT MIN(seq) FROM metric_changes) AS first, (SELECT MAX(seq) FROM metric_changes) AS last';

/** Drops a history index of an older layout (led by the value), so that SCHEMA creates the partitioned one. */
export const dropOldHistoryIndex = (db: DatabaseSync): void => {
  const index = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = 'metric_changes_by_value'").get() as { sql: string } | undefined;
  if (index && !index.sql.includes(`seq >> ${HISTORY_PARTITION_BITS}`)) db.exec('DROP INDEX main.metric_changes_by_value');
};

/**
 * A batch with at least this many changes, and more than the history already holds, rebuilds
 * the history index after its inserts instead of updating it row by row: a catch-up's or a
 * rebuild's one change per value arrives in no useful order, and 592k random index inserts cost
 * ~5 s where sorting them into a new index costs ~0.7 s. Same transaction: all or nothing.
 */
const BULK_HISTORY_ROWS = 20_000;

// Entities and metric values carry JSON of hundreds of bytes to kilobytes: ordinary rowid tables
// (WITHOUT ROWID suits only rows well under a twentieth of a page), with 16 KiB pages.
export const SCHEMA = `
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

export type Cell = string | number | null;

/**
 * Rows of a read-model batch as SQL values, each table's rows flattened into one array (`sums`
 * is `[key₀, value₀, key₁, value₁, …]`): JSON already built, no object per row, so handing it to
 * another thread copies little more than its strings. A batch may come in several parts (a big
 * one is encoded and handed over a part at a time); they are written in one transaction.
 */
export interface EncodedRows {
  /** key, value */
  readonly sums: Cell[];
  /** series, day, delta (0 deletes the row) */
  readonly levels: Cell[];
  /** key, record JSON */
  readonly entities: Cell[];
  /** stream id, revision */
  readonly streams: Cell[];
  /** metric, scope, period, value, unit, inputs JSON, position, source, updated at */
  readonly values: Cell[];
  /** metric, scope, period */
  readonly removedValues: Cell[];
  /** seq, metric, scope, period, change JSON */
  readonly changes: Cell[];
  /** source, event id, letter JSON */
  readonly deadLetters: Cell[];
}

/** What a batch writes last: where each source's checkpoint is, the clock, the counters (JSON). */
export interface EncodedTail {
  /** source, position */
  readonly checkpoints: Cell[];
  readonly clock: string;
  readonly counters: string;
}

export const noRows = (): EncodedRows => ({ sums: [], levels: [], entities: [], streams: [], values: [], removedValues: [], changes: [], deadLetters: [] });

/** Writes encoded batches into one SQLite connection, each in one transaction. */
export class ReadModelWriter {
  private readonly db: DatabaseSync;
  private readonly s: Record<'sum' | 'level' | 'levelDelete' | 'entity' | 'stream' | 'checkpoint' | 'meta' | 'value' | 'valueDelete' | 'change' | 'changeAppend' | 'deadLetter' | 'historySpan', StatementSync>;

  constructor(db: DatabaseSync) {
    this.db = db;
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
      // A change after the last one held cannot replace a row: a plain INSERT appends it without
      // first seeking the row it might replace (~4 of the ~20 µs a change costs a live commit).
      changeAppend: prepare('INSERT INTO metric_changes (seq, metric, scope, period, change) VALUES (?, ?, ?, ?, ?)'),
      deadLetter: prepare('INSERT INTO dead_letters (source, event_id, letter) VALUES (?, ?, ?) ON CONFLICT(source, event_id) DO UPDATE SET letter = excluded.letter'),
      // Each bound in a query of its own: SQLite reads a lone MIN or MAX of the key from one end of
      // the table, but scans every row for both in one query (~20 ms a commit at 160k changes).
      historySpan: prepare(`SELECT COALESCE(last - first + 1, 0) AS rows, COALESCE(last, 0) AS last FROM (SELECT ${HISTORY_BOUNDS})`),
    };
  }

  /** Row writes so far in the open transaction, and the test hook's limit (see `begin`). */
  private writes = 0;
  private failAfter: number | undefined;
  private bulk = false;
  /** The last seq of the history in the open transaction (see `changeAppend`). */
  private lastSeq = 0;

  /**
   * A batch — its parts, then its tail — in one transaction (rolled back on any error).
   * `failAfter` is a test hook: throw after that many row writes, as a crash half-way would.
   */
  write(parts: readonly EncodedRows[], tail: EncodedTail, failAfter?: number): void {
    this.begin(parts.reduce((count, part) => count + part.changes.length / 5, 0), failAfter);
    try {
      for (const part of parts) this.add(part);
    } catch (error) {
      this.abort();
      throw error;
    }
    this.finish(tail);
  }

  /**
   * Opens a batch's transaction, for its parts to be added as they come (`add`) and its tail to
   * end it (`finish`); on any error, `abort`. `changes`: how many history rows the whole batch has.
   */
  begin(changes: number, failAfter?: number): void {
    const { db, s } = this;
    this.writes = 0;
    this.failAfter = failAfter;
    db.exec('BEGIN IMMEDIATE');
    try {
      // A catch-up-sized history write rebuilds the history index afterwards (see BULK_HISTORY_ROWS);
      // seq is dense, so MAX − MIN + 1 bounds the rows already held (two index lookups, no count).
      const span = s.historySpan.get() as { rows: number; last: number };
      this.lastSeq = span.last;
      this.bulk = changes >= BULK_HISTORY_ROWS && changes > span.rows;
      if (this.bulk) db.exec('DROP INDEX main.metric_changes_by_value');
    } catch (error) {
      this.abort();
      throw error;
    }
  }

  add(part: EncodedRows): void {
    const { s } = this;
    this.rows(s.sum, part.sums, 2);
    for (let i = 0; i < part.levels.length; i += 3) {
      if (part.levels[i + 2] === 0) this.rows(s.levelDelete, part.levels, 2, i, i + 2);
      else this.rows(s.level, part.levels, 3, i, i + 3);
    }
    this.rows(s.entity, part.entities, 2);
    this.rows(s.stream, part.streams, 2);
    this.rows(s.value, part.values, 9);
    this.rows(s.valueDelete, part.removedValues, 3);
    for (let i = 0; i < part.changes.length; i += 5) {
      const seq = part.changes[i] as number;
      if (seq > this.lastSeq) {
        this.rows(s.changeAppend, part.changes, 5, i, i + 5);
        this.lastSeq = seq;
      } else this.rows(s.change, part.changes, 5, i, i + 5);
    }
    this.rows(s.deadLetter, part.deadLetters, 3);
  }

  finish(tail: EncodedTail): void {
    const { db, s } = this;
    try {
      if (this.bulk) db.exec(HISTORY_INDEX);
      this.rows(s.checkpoint, tail.checkpoints, 2);
      this.rows(s.meta, ['clock', tail.clock, 'counters', tail.counters], 2);
      db.exec('COMMIT');
    } catch (error) {
      this.abort();
      throw error;
    }
  }

  abort(): void {
    if (this.db.isTransaction) this.db.exec('ROLLBACK');
  }

  private rows(statement: StatementSync, cells: readonly Cell[], width: number, from = 0, to = cells.length): void {
    const { failAfter } = this;
    for (let i = from; i < to; i += width) {
      if (failAfter !== undefined && this.writes++ >= failAfter) throw new Error(`injected fault after ${failAfter} writes`);
      // Arguments spelled out: a slice or a spread per row costs more than the write itself here.
      if (width === 2) statement.run(cells[i], cells[i + 1]);
      else if (width === 3) statement.run(cells[i], cells[i + 1], cells[i + 2]);
      else if (width === 5) statement.run(cells[i], cells[i + 1], cells[i + 2], cells[i + 3], cells[i + 4]);
      else if (width === 9) statement.run(cells[i], cells[i + 1], cells[i + 2], cells[i + 3], cells[i + 4], cells[i + 5], cells[i + 6], cells[i + 7], cells[i + 8]);
      else statement.run(...(cells.slice(i, i + width) as SQLInputValue[]));
    }
  }
}

/**
 * What the owning thread asks of a writer thread (see SqliteReadModelStore): parts of a batch
 * are staged under the batch's id as they are encoded, also while earlier batches are written;
 * `begin` says the batch's turn has come (everything before it in the store is done): its
 * transaction opens, the parts staged so far are written and later ones as they arrive, while the
 * owning thread encodes them; `write` adds the tail and commits (or reports what failed: the
 * transaction was rolled back then), `abort` gives a batch up. Requests are answered in order.
 */
export type WriterRequest =
  | { readonly id: number; readonly kind: 'stage'; readonly batch: number; readonly part: EncodedRows }
  | { readonly id: number; readonly kind: 'begin'; readonly batch: number; readonly changes: number; readonly failAfter?: number }
  | { readonly id: number; readonly kind: 'abort'; readonly batch: number }
  | { readonly id: number; readonly kind: 'write'; readonly batch: number; readonly tail: EncodedTail }
  | { readonly id: number; readonly kind: 'synchronous'; readonly level: string };

export type WriterReply = { readonly id: number; readonly error?: string };

/** Started as a writer thread: its own connection to the file, one request at a time. */
const serve = (path: string, cacheMiB: number, synchronous: number): void => {
  const db = new DatabaseSync(path, { timeout: 10_000 });
  db.exec(`PRAGMA cache_size = ${-cacheMiB * 1024}; PRAGMA synchronous = ${synchronous};`);
  const writer = new ReadModelWriter(db);
  const staged = new Map<number, EncodedRows[]>();
  /** The batch whose transaction is open, and what failed in it (rolled back; its write reports it). */
  let open: { readonly batch: number; failed: unknown } | null = null;
  const add = (part: EncodedRows) => {
    if (!open || open.failed !== null) return;
    try {
      writer.add(part);
    } catch (error) {
      writer.abort();
      open.failed = error;
    }
  };
  const port = parentPort!;
  const handle = (request: WriterRequest): void => {
    if (request.kind === 'stage') {
      if (open?.batch === request.batch) return add(request.part);
      const parts = staged.get(request.batch);
      if (parts) parts.push(request.part);
      else staged.set(request.batch, [request.part]);
    } else if (request.kind === 'begin') {
      // (A batch still open was abandoned without an abort: rolled back.)
      if (open) writer.abort();
      open = { batch: request.batch, failed: null };
      try {
        writer.begin(request.changes, request.failAfter);
      } catch (error) {
        open.failed = error;
      }
      for (const part of staged.get(request.batch) ?? []) add(part);
      staged.delete(request.batch);
    } else if (request.kind === 'abort') {
      staged.delete(request.batch);
      if (open?.batch !== request.batch) return;
      open = null;
      writer.abort();
    } else if (request.kind === 'write') {
      const batch = open?.batch === request.batch ? open : null;
      open = null;
      if (!batch) throw new Error(`batch ${request.batch} was never begun`);
      if (batch.failed !== null) throw batch.failed;
      writer.finish(request.tail);
    } else db.exec(`PRAGMA synchronous = ${request.level}`);
  };
  port.on('message', (request: WriterRequest) => {
    try {
      handle(request);
      port.postMessage({ id: request.id } satisfies WriterReply);
    } catch (error) {
      port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies WriterReply);
    }
  });
};

const role = (isMainThread ? null : workerData) as { readonly readModelWriter?: { readonly path: string; readonly cacheMiB: number; readonly synchronous: number } } | null;
if (role?.readModelWriter) serve(role.readModelWriter.path, role.readModelWriter.cacheMiB, role.readModelWriter.synchronous);
