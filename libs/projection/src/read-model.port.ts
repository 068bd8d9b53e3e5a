import type { MetricChanged } from '@quotient/contracts';
import type { EntityRecord } from '@quotient/metrics';

/** A metric value as the read model keeps it. */
export interface StoredMetricValue {
  readonly metric: string;
  readonly scope: string;
  readonly period: string;
  readonly value: number | null;
  readonly unit: string;
  readonly inputs: Record<string, unknown>;
  /** Position (in its source log) of the last event that changed it. */
  readonly position: number;
  readonly source: string;
  readonly updatedAt: string;
}

export interface DeadLetter {
  readonly source: string;
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: number;
  readonly position: number;
  readonly type: string;
  readonly reason: string;
  readonly recordedAt: string;
  readonly payload: unknown;
}

/** The projection's counters of its own work, persisted with each batch. */
export interface ProjectionCounters {
  readonly eventsApplied: number;
  readonly duplicatesSkipped: number;
  readonly deadLettered: number;
  /** Number of MetricChanged records written so far: the last `seq` of the value history. */
  readonly changesRecorded: number;
  /** Set while a catch-up has folded events whose metrics are not evaluated yet. */
  readonly evaluationPending?: boolean;
  /**
   * Set by earlier versions while a first catch-up into an empty store was being written in
   * several transactions: a store loaded with it holds part of that build, and is cleared and
   * built again. (A first build now commits whole chunks and never sets it.)
   */
  readonly building?: boolean;
}

/**
 * Everything a batch changed: written atomically, or in an order that makes a crash harmless.
 * A snapshot: nothing in it changes once it is handed to `commit`, so a store may go on reading
 * it (encoding it a part at a time, say) until the commit settles.
 */
export interface ReadModelBatch {
  readonly sums: ReadonlyArray<readonly [key: string, value: number]>;
  /** Day deltas of level series; a delta of 0 removes the row. */
  readonly levels: ReadonlyArray<readonly [series: string, day: string, delta: number]>;
  readonly entities: ReadonlyArray<readonly [key: string, record: EntityRecord]>;
  readonly streams: ReadonlyArray<readonly [streamId: string, revision: number]>;
  readonly checkpoints: Readonly<Record<string, number>>;
  readonly clock: string;
  readonly counters: ProjectionCounters;
  readonly metricValues: readonly StoredMetricValue[];
  /** Metric values to delete: their scope has no data in the period any more (never also in `metricValues`). */
  readonly removedValues: ReadonlyArray<readonly [metric: string, scope: string, period: string]>;
  readonly changes: readonly StoredMetricChange[];
  readonly deadLetters: readonly DeadLetter[];
}

export interface ReadModelSnapshot {
  readonly sums: Iterable<readonly [string, number]>;
  readonly levels: Iterable<readonly [string, string, number]>;
  readonly entities: Iterable<readonly [string, EntityRecord]>;
  readonly streams: Iterable<readonly [string, number]>;
  readonly checkpoints: Readonly<Record<string, number>>;
  readonly clock: string;
  readonly counters: ProjectionCounters;
  readonly metricValues: Iterable<StoredMetricValue>;
}

export interface StoredMetricChange extends MetricChanged {
  /** Sequence number of the change in the value history (for SSE resume). */
  readonly seq: number;
}

/**
 * Where the projection keeps its read models. `commit` makes a whole batch durable together
 * with the checkpoints: after a crash, `load` returns the state of the last committed batch.
 */
export interface ReadModelStore {
  load(): Promise<ReadModelSnapshot>;
  commit(batch: ReadModelBatch): Promise<void>;
  history(metric: string, scope: string, period: string, limit?: number): Promise<StoredMetricChange[]>;
  changesAfter(seq: number, limit: number): Promise<StoredMetricChange[]>;
  /**
   * Optional fast path for a rebuild taking over: copies another store's value history after
   * `seq` into this one, keeping the sequence numbers, and returns the last seq the other store
   * holds — or null when it cannot read that store directly (the engine then copies through
   * `changesAfter` and `commit`).
   */
  copyHistoryFrom?(other: ReadModelStore, seq: number): Promise<number | null>;
  /**
   * Optional, for a store that a silent rebuild fills: nothing reads it and a crash discards it
   * (the next rebuild starts afresh), so its commits need not be durable one by one. `deferred`
   * lets commits skip waiting for the disk (each is still atomic); `immediate` makes everything
   * committed so far durable before it resolves, and every later commit durable as usual. The
   * engine defers while it rebuilds and makes the store durable before taking over.
   */
  durability?(mode: 'deferred' | 'immediate'): Promise<void>;
  /**
   * Optional: removes everything (read models, history, checkpoints), as a new store. The engine
   * clears a store that an earlier version's first build left half-written (`counters.building`)
   * and builds it again.
   */
  clear?(): Promise<void>;
  deadLetters(limit: number): Promise<DeadLetter[]>;
  close(): Promise<void>;
}
