import { EventStoreDBClient, START, StreamNotFoundError } from '@eventstore/db-client';
import type { AppendOptions, AppendResult, EventStore, EventToAppend, IdempotencyRecord, ReadAllOptions } from '@quotient/eventsourcing';
import { EventEnvelope, InvalidInput } from '@quotient/kernel';
import { EventStoreDbIdempotency } from './eventstoredb-idempotency';
import { lastLogEvent, scanForward } from './eventstoredb-log';
import { anchorAtOrAfter, toEnvelope, toEnvelopePosition, toEventData, toExpectedRevision, toStoreError } from './eventstoredb-mapping';
import { belongsToLog, checkedPrefix, EventStoreDbOptions } from './eventstoredb-streams';

export interface EventStoreDbEventStoreOptions extends EventStoreDbOptions {
  /** Dispose the client on close() — when this store is its only user. */
  readonly closeClient?: boolean;
}

/**
 * The EventStore port on EventStoreDB / KurrentDB. The service's log is the part of `$all` whose
 * streams start with its prefix; positions are described in eventstoredb-mapping.ts.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly prefix: string;
  private readonly idempotency: EventStoreDbIdempotency;

  constructor(
    readonly client: EventStoreDBClient,
    private readonly options: EventStoreDbEventStoreOptions,
  ) {
    this.prefix = checkedPrefix(options.streamPrefix);
    this.idempotency = new EventStoreDbIdempotency(client, this.prefix);
  }

  async append(streamId: string, events: readonly EventToAppend[], options: AppendOptions): Promise<AppendResult> {
    if (!streamId.startsWith(this.prefix)) {
      throw new Error(`stream ${streamId} is outside this store's prefix ${this.prefix}: its events would never be in the log`);
    }
    const expectedRevision = toExpectedRevision(options.expectedRevision);
    if (options.idempotency && events.length > 0) {
      const expected = options.expectedRevision;
      await this.idempotency.claim({
        ...options.idempotency,
        streamId,
        firstRevision: expected === 'any' ? null : expected === 'no_stream' ? 0 : expected + 1,
        firstEventId: events[0].id,
        count: events.length,
      });
    }
    let nextExpectedRevision: bigint;
    try {
      ({ nextExpectedRevision } = await this.client.appendToStream(streamId, events.map(toEventData), { expectedRevision }));
    } catch (error) {
      throw toStoreError(streamId, error);
    }
    const revision = Number(nextExpectedRevision);
    // The append answers one position for the whole write; each event's own position and
    // recorded time come from reading the events back (one more round trip per command).
    const written = events.length === 0 ? [] : await this.readRange(streamId, revision - events.length + 1, events.length);
    return { streamId, revision, events: written };
  }

  readStream(streamId: string, options: { fromRevision?: number } = {}): Promise<EventEnvelope[]> {
    return this.readRange(streamId, options.fromRevision ?? 0);
  }

  async readAll(options: ReadAllOptions): Promise<EventEnvelope[]> {
    const cutoff = options.recordedUpTo === undefined ? Number.POSITIVE_INFINITY : Date.parse(options.recordedUpTo);
    if (Number.isNaN(cutoff)) throw new InvalidInput([{ field: 'recordedUpTo', message: `expected an ISO-8601 instant, got ${options.recordedUpTo}` }]);
    const found: EventEnvelope[] = [];
    if (options.limit <= 0) return found;
    const pageSize = Math.min(Math.max(options.limit + 1, 64), 1024);
    for await (const event of scanForward(this.client, anchorAtOrAfter(options.fromPosition), options.fromPosition, pageSize)) {
      if (!belongsToLog(this.prefix, event.streamId, event.type)) continue;
      // The log is in recording order, so the first event recorded after the instant ends the
      // log as it was known then.
      if (event.created.getTime() > cutoff) break;
      found.push(toEnvelope(event));
      if (found.length >= options.limit) break;
    }
    return found;
  }

  /**
   * Scans `$all` backwards to the service's newest event: cheap while the service writes, a full
   * scan once for a service that has written nothing yet.
   */
  async lastPosition(): Promise<number> {
    const last = await lastLogEvent(this.client, this.prefix);
    return last ? toEnvelopePosition(last.position) : 0;
  }

  findIdempotency(key: string): Promise<IdempotencyRecord | null> {
    return this.idempotency.find(key);
  }

  async close(): Promise<void> {
    if (this.options.closeClient) await this.client.dispose();
  }

  private async readRange(streamId: string, fromRevision: number, maxCount?: number): Promise<EventEnvelope[]> {
    const envelopes: EventEnvelope[] = [];
    const read = this.client.readStream(streamId, { fromRevision: fromRevision > 0 ? BigInt(fromRevision) : START, ...(maxCount ? { maxCount } : {}) });
    try {
      for await (const resolved of read) if (resolved.event) envelopes.push(toEnvelope(resolved.event));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return envelopes;
  }
}
