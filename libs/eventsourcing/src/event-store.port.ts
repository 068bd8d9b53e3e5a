import type { EventEnvelope } from '@quotient/kernel';

/**
 * The revision a writer expects the stream to be at: the 0-based revision of its last event,
 * `'no_stream'` for a stream that must not exist yet, or `'any'` to skip the check.
 */
export type ExpectedRevision = number | 'no_stream' | 'any';

export interface EventToAppend {
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly occurredAt: string;
  readonly tenantId: string;
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId: string | null;
}

/** Recorded with an append so a repeated command returns the first result and appends nothing. */
export interface IdempotencyRecord {
  readonly key: string;
  /** A fingerprint of the request, so a key reused for another request is caught. */
  readonly requestHash: string;
  readonly streamId: string;
  /** The stream revision right after the first execution. */
  readonly revision: number;
}

export interface AppendOptions {
  readonly expectedRevision: ExpectedRevision;
  readonly idempotency?: Omit<IdempotencyRecord, 'streamId' | 'revision'>;
}

export interface AppendResult {
  readonly streamId: string;
  /** Revision of the last event written. */
  readonly revision: number;
  readonly events: readonly EventEnvelope[];
}

export interface ReadAllOptions {
  /** First global position to return (inclusive); positions start at 1. */
  readonly fromPosition: number;
  readonly limit: number;
  /** Only events recorded at or before this instant (ISO-8601), for "as known then" reads. */
  readonly recordedUpTo?: string;
}

/**
 * The append-only log of one service. Appends to one stream are atomic and checked against
 * the expected revision; the whole log is totally ordered by `position`.
 */
export interface EventStore {
  append(streamId: string, events: readonly EventToAppend[], options: AppendOptions): Promise<AppendResult>;
  /** The stream's events in revision order; empty when the stream does not exist. */
  readStream(streamId: string, options?: { fromRevision?: number }): Promise<EventEnvelope[]>;
  readAll(options: ReadAllOptions): Promise<EventEnvelope[]>;
  /** Position of the last event in the log, 0 when empty. */
  lastPosition(): Promise<number>;
  findIdempotency(key: string): Promise<IdempotencyRecord | null>;
  close(): Promise<void>;
}
