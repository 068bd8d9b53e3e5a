import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { AppendOptions, AppendResult, DuplicateIdempotencyKey, EventStore, EventToAppend, IdempotencyRecord, ReadAllOptions } from '@quotient/eventsourcing';
import { Clock, ConcurrencyConflict, EventEnvelope, systemClock } from '@quotient/kernel';
import { migrateEventStore } from './event-store.schema';
import { openDatabase } from './sqlite-database';

interface PendingAppend {
  readonly streamId: string;
  readonly events: readonly EventToAppend[];
  readonly options: AppendOptions;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

type Row = Record<string, string | number | null>;

const COLUMNS = 'position, id, stream_id, revision, type, schema_version, occurred_at, recorded_at, tenant_id, actor, correlation_id, causation_id, data';

type Cell = string | number | null;

/** A row of COLUMNS, read as an array (no per-row object with thirteen keys: replays read millions). */
const toEnvelope = (row: readonly Cell[]): EventEnvelope => ({
  id: row[1] as string,
  type: row[4] as string,
  schemaVersion: row[5] as number,
  streamId: row[2] as string,
  revision: row[3] as number,
  position: row[0] as number,
  occurredAt: row[6] as string,
  recordedAt: row[7] as string,
  tenantId: row[8] as string,
  actor: row[9] as string,
  correlationId: row[10] as string,
  causationId: row[11] as string | null,
  data: JSON.parse(row[12] as string),
});

const returningArrays = (statement: StatementSync): StatementSync => {
  statement.setReturnArrays(true);
  return statement;
};

/**
 * The embedded event store: one SQLite file in WAL mode with synchronous=FULL.
 * Appends that arrive in the same tick share one transaction and one fsync (group commit);
 * each keeps its own revision check and fails alone.
 */
export class SqliteEventStore implements EventStore {
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private readonly listeners = new Set<() => void>();
  private readonly statements: Record<
    'insert' | 'streamRevision' | 'readStream' | 'readAll' | 'readAllUpTo' | 'lastPosition' | 'findKey' | 'insertKey' | 'savepoint' | 'release' | 'rollbackTo',
    StatementSync
  >;

  constructor(
    readonly db: DatabaseSync,
    private readonly clock: Clock = systemClock,
    private readonly ownsDatabase = true,
  ) {
    migrateEventStore(db);
    this.statements = {
      insert: db.prepare(`INSERT INTO events (${COLUMNS.replace('position, ', '')}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      streamRevision: db.prepare('SELECT MAX(revision) AS revision FROM events WHERE stream_id = ?'),
      readStream: returningArrays(db.prepare(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision`)),
      readAll: returningArrays(db.prepare(`SELECT ${COLUMNS} FROM events WHERE position >= ? ORDER BY position LIMIT ?`)),
      readAllUpTo: returningArrays(db.prepare(`SELECT ${COLUMNS} FROM events WHERE position >= ? AND recorded_at <= ? ORDER BY position LIMIT ?`)),
      lastPosition: db.prepare('SELECT COALESCE(MAX(position), 0) AS position FROM events'),
      findKey: db.prepare('SELECT key, request_hash, stream_id, revision FROM idempotency_keys WHERE key = ?'),
      insertKey: db.prepare('INSERT INTO idempotency_keys (key, request_hash, stream_id, revision) VALUES (?, ?, ?, ?)'),
      // Prepared once: a savepoint per append must not cost a parse per append.
      savepoint: db.prepare('SAVEPOINT one_append'),
      release: db.prepare('RELEASE one_append'),
      rollbackTo: db.prepare('ROLLBACK TO one_append'),
    };
  }

  append(streamId: string, events: readonly EventToAppend[], options: AppendOptions): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ streamId, events, options, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Called after every commit in this process; the subscription uses it to wake up at once. */
  onAppended(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async readStream(streamId: string, options: { fromRevision?: number } = {}): Promise<EventEnvelope[]> {
    return (this.statements.readStream.all(streamId, options.fromRevision ?? 0) as unknown as Cell[][]).map(toEnvelope);
  }

  async readAll({ fromPosition, limit, recordedUpTo }: ReadAllOptions): Promise<EventEnvelope[]> {
    const rows = recordedUpTo
      ? this.statements.readAllUpTo.all(fromPosition, recordedUpTo, limit)
      : this.statements.readAll.all(fromPosition, limit);
    return (rows as unknown as Cell[][]).map(toEnvelope);
  }

  async lastPosition(): Promise<number> {
    return (this.statements.lastPosition.get() as { position: number }).position;
  }

  async findIdempotency(key: string): Promise<IdempotencyRecord | null> {
    const row = this.statements.findKey.get(key) as Row | undefined;
    return row ? { key, requestHash: row.request_hash as string, streamId: row.stream_id as string, revision: row.revision as number } : null;
  }

  async close(): Promise<void> {
    while (this.queue.length > 0 || this.flushScheduled) await new Promise((resolve) => setImmediate(resolve));
    if (this.ownsDatabase && this.db.isOpen) this.db.close();
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    this.flushScheduled = false;
    const outcomes: Array<{ ok: AppendResult } | { error: unknown }> = [];
    const recordedAt = this.clock.now().toISOString();
    try {
      this.db.exec('BEGIN IMMEDIATE');
      for (const pending of batch) {
        this.statements.savepoint.run();
        try {
          outcomes.push({ ok: this.appendOne(pending, recordedAt) });
          this.statements.release.run();
        } catch (error) {
          this.statements.rollbackTo.run();
          this.statements.release.run();
          outcomes.push({ error });
        }
      }
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      for (const pending of batch) pending.reject(error);
      return;
    }
    batch.forEach((pending, i) => {
      const outcome = outcomes[i];
      if ('ok' in outcome) pending.resolve(outcome.ok);
      else pending.reject(outcome.error);
    });
    if (outcomes.some((o) => 'ok' in o)) for (const listener of this.listeners) listener();
  }

  private appendOne({ streamId, events, options }: PendingAppend, recordedAt: string): AppendResult {
    const current = (this.statements.streamRevision.get(streamId) as { revision: number | null }).revision ?? -1;
    const expected = options.expectedRevision;
    if (expected !== 'any') {
      const expectedNumber = expected === 'no_stream' ? -1 : expected;
      if (expectedNumber !== current) throw new ConcurrencyConflict(streamId, expectedNumber, current);
    }
    if (options.idempotency && this.statements.findKey.get(options.idempotency.key)) {
      throw new DuplicateIdempotencyKey(options.idempotency.key);
    }
    const envelopes = events.map((event, i): EventEnvelope => {
      const revision = current + 1 + i;
      const result = this.statements.insert.run(
        event.id,
        streamId,
        revision,
        event.type,
        event.schemaVersion,
        event.occurredAt,
        recordedAt,
        event.tenantId,
        event.actor,
        event.correlationId,
        event.causationId,
        JSON.stringify(event.data),
      );
      return { ...event, streamId, revision, position: Number(result.lastInsertRowid), recordedAt };
    });
    const revision = current + events.length;
    if (options.idempotency) this.statements.insertKey.run(options.idempotency.key, options.idempotency.requestHash, streamId, revision);
    return { streamId, revision, events: envelopes };
  }
}

export const openSqliteEventStore = (path: string, clock: Clock = systemClock): SqliteEventStore => new SqliteEventStore(openDatabase(path), clock);
