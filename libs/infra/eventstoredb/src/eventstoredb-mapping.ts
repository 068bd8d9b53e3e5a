import {
  ANY,
  AppendExpectedRevision,
  CurrentRevision,
  jsonEvent,
  JSONEventData,
  JSONType,
  NO_STREAM,
  Position,
  RecordedEvent,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import type { EventToAppend, ExpectedRevision } from '@quotient/eventsourcing';
import { ConcurrencyConflict, DEFAULT_TENANT, EventEnvelope, InvalidInput } from '@quotient/kernel';

/*
 * Position mapping.
 *
 * ESDB orders `$all` by {commit, prepare}. Every gRPC append is an implicit transaction whose
 * prepare records are all flagged "committed", so `$all` reports commit = prepare = the byte
 * offset of the event's record in the transaction log: strictly increasing along the log, unique
 * per event. Reading `$all` must start at a real record, though: an offset inside a record is
 * refused or misread by the server.
 *
 * The envelope position is therefore TWICE the event's log offset. An even number names one event
 * exactly; the odd number just after it means "right after that event", so the usual
 * `lastPosition() + 1` resumes without ever handing ESDB an offset inside a record. Positions are
 * sparse (they grow by at least twice the record size), never dense. Exact below a 2^52-byte log.
 */

/** Event log offsets above this would lose precision once doubled into a JS number. */
const MAX_LOG_OFFSET = BigInt(Number.MAX_SAFE_INTEGER) / 2n;

export const toEnvelopePosition = (position: Position | undefined, what = 'an event'): number => {
  const offset = position?.prepare;
  if (offset === undefined || offset <= 0n || offset > MAX_LOG_OFFSET) {
    throw new Error(`EventStoreDB reported no usable $all position for ${what} (needs EventStoreDB 22.10+ / KurrentDB; got ${offset})`);
  }
  return Number(offset * 2n);
};

/** Where a read of `$all` starts: at the beginning, or at one event (itself included or not). */
export type LogAnchor = { readonly kind: 'start' } | { readonly kind: 'event'; readonly offset: bigint; readonly inclusive: boolean };

export const esdbPositionOf = (offset: bigint): Position => ({ commit: offset, prepare: offset });

const checkedPosition = (position: number, field: string): number => {
  if (!Number.isSafeInteger(position) || position < 0) {
    throw new InvalidInput([{ field, message: `expected a non-negative integer log position, got ${position}` }]);
  }
  return position;
};

/** The anchor for "events whose envelope position is ≥ position". */
export const anchorAtOrAfter = (position: number): LogAnchor => {
  checkedPosition(position, 'fromPosition');
  if (position <= 1) return { kind: 'start' };
  return { kind: 'event', offset: BigInt(Math.floor(position / 2)), inclusive: position % 2 === 0 };
};

/** The anchor for "events whose envelope position is > position". */
export const anchorAfter = (position: number): LogAnchor => {
  checkedPosition(position, 'after');
  if (position < 2) return { kind: 'start' };
  return { kind: 'event', offset: BigInt(Math.floor(position / 2)), inclusive: false };
};

/** Raised when a position handed to the store does not name an event of its log. */
export const notAPosition = (position: number, field = 'fromPosition'): InvalidInput =>
  new InvalidInput([{ field, message: `${position} is not a position of this log (use a position read from it, or that position + 1)` }]);

/*
 * Envelope ↔ ESDB event. ESDB keeps id, type, stream, revision, position, `created` and the JSON
 * data itself; the rest of the envelope travels in the event's metadata. Correlation and causation
 * use ESDB's own `$correlationId` / `$causationId` keys, which its projections and UI understand.
 */
export interface EnvelopeMetadata {
  readonly occurredAt: string;
  readonly tenantId: string;
  readonly actor: string;
  readonly schemaVersion: number;
  readonly $correlationId: string;
  readonly $causationId?: string;
}

export const metadataOf = (event: EventToAppend): EnvelopeMetadata => ({
  occurredAt: event.occurredAt,
  tenantId: event.tenantId,
  actor: event.actor,
  schemaVersion: event.schemaVersion,
  $correlationId: event.correlationId,
  ...(event.causationId === null ? {} : { $causationId: event.causationId }),
});

export const toEventData = (event: EventToAppend): JSONEventData =>
  jsonEvent({ id: event.id, type: event.type, data: (event.data ?? null) as JSONType, metadata: { ...metadataOf(event) } });

const field = (metadata: Record<string, unknown>, key: string): string | undefined =>
  typeof metadata[key] === 'string' ? (metadata[key] as string) : undefined;

/**
 * An ESDB event as an envelope. Events written by other tools (without Quotient's metadata) are
 * read leniently — default tenant, actor `unknown`, business time = recorded time — so that a
 * reader never stalls on them; schema validation downstream decides what they are worth.
 */
export const toEnvelope = (event: RecordedEvent): EventEnvelope => {
  const metadata = (typeof event.metadata === 'object' && event.metadata !== null && !(event.metadata instanceof Uint8Array) ? event.metadata : {}) as Record<
    string,
    unknown
  >;
  const recordedAt = event.created.toISOString();
  const schemaVersion = metadata.schemaVersion;
  return {
    id: event.id,
    type: event.type,
    schemaVersion: typeof schemaVersion === 'number' && Number.isInteger(schemaVersion) ? schemaVersion : 1,
    streamId: event.streamId,
    revision: Number(event.revision),
    position: toEnvelopePosition(event.position, `event ${event.id} in ${event.streamId}`),
    occurredAt: field(metadata, 'occurredAt') ?? recordedAt,
    recordedAt,
    tenantId: field(metadata, 'tenantId') ?? DEFAULT_TENANT,
    actor: field(metadata, 'actor') ?? 'unknown',
    correlationId: field(metadata, '$correlationId') ?? event.id,
    causationId: field(metadata, '$causationId') ?? null,
    data: event.isJson ? event.data : Buffer.from(event.data as Uint8Array).toString('base64'),
  };
};

/** The port's expected revision in ESDB's terms: `no_stream` and `any` are the same words there. */
export const toExpectedRevision = (expected: ExpectedRevision): AppendExpectedRevision => {
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'any') return ANY;
  if (!Number.isSafeInteger(expected) || expected < 0) {
    throw new InvalidInput([{ field: 'expectedRevision', message: `expected a 0-based revision, 'no_stream' or 'any', got ${expected}` }]);
  }
  return BigInt(expected);
};

/** ESDB's revision words as numbers, with its legacy codes: no stream -1, any -2, stream exists -4. */
export const revisionNumber = (revision: AppendExpectedRevision | CurrentRevision): number => {
  if (typeof revision === 'bigint') return Number(revision);
  return revision === NO_STREAM ? -1 : revision === ANY ? -2 : -4;
};

/** Maps a driver error to the kernel's: a wrong expected version is a ConcurrencyConflict. */
export const toStoreError = (streamId: string, error: unknown): unknown =>
  error instanceof WrongExpectedVersionError
    ? new ConcurrencyConflict(streamId, revisionNumber(error.expectedVersion), revisionNumber(error.actualVersion))
    : error;
