import { BACKWARDS, END, EventStoreDBClient, jsonEvent, NO_STREAM, StreamNotFoundError, WrongExpectedVersionError } from '@eventstore/db-client';
import { DuplicateIdempotencyKey, IdempotencyRecord } from '@quotient/eventsourcing';
import { idempotencyStream } from './eventstoredb-streams';

/** What an append with an Idempotency-Key records before it writes its events. */
export interface IdempotencyClaim {
  readonly key: string;
  readonly requestHash: string;
  readonly streamId: string;
  /** Revision the first event will take; null when appended at 'any' revision. */
  readonly firstRevision: number | null;
  readonly firstEventId: string;
  readonly count: number;
}

const CLAIMED = 'quotient.IdempotencyKeyClaimed';
/** How far back an 'any'-revision claim is looked for in its stream. */
const ANY_REVISION_WINDOW = 200;

/*
 * ESDB writes one stream atomically, never two, so the key cannot be written together with the
 * events. Each attempt first CLAIMS the key in its own stream (`meta-<prefix>idempotency-<sha256>`,
 * appended at the revision last seen there — NO_STREAM the first time — so two racing attempts
 * cannot both claim), then appends the events. A claim counts as the key's use only once its first
 * event is really in the aggregate's stream: an attempt that failed (stale revision, crash) leaves
 * a claim that never matches, and a retry may claim again. At most one claim can ever match,
 * because a new claim is made only after every earlier one was seen not to.
 */
export class EventStoreDbIdempotency {
  constructor(
    private readonly client: EventStoreDBClient,
    private readonly prefix: string,
  ) {}

  async find(key: string): Promise<IdempotencyRecord | null> {
    return (await this.state(key)).used;
  }

  /** Claims the key for an append, or throws DuplicateIdempotencyKey when it is (being) used. */
  async claim(claim: IdempotencyClaim): Promise<void> {
    const { used, lastRevision } = await this.state(claim.key);
    if (used) throw new DuplicateIdempotencyKey(claim.key);
    try {
      await this.client.appendToStream(idempotencyStream(this.prefix, claim.key), jsonEvent({ type: CLAIMED, data: { ...claim } }), {
        expectedRevision: lastRevision ?? NO_STREAM,
      });
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) throw new DuplicateIdempotencyKey(claim.key);
      throw error;
    }
  }

  private async state(key: string): Promise<{ used: IdempotencyRecord | null; lastRevision: bigint | null }> {
    const claims: IdempotencyClaim[] = [];
    let lastRevision: bigint | null = null;
    try {
      for await (const resolved of this.client.readStream(idempotencyStream(this.prefix, key))) {
        if (!resolved.event) continue;
        lastRevision = resolved.event.revision;
        if (resolved.event.type === CLAIMED) claims.push(resolved.event.data as unknown as IdempotencyClaim);
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    for (const claim of claims.reverse()) {
      const revision = await this.revisionOfFirstEvent(claim);
      if (revision !== null) {
        return { used: { key, requestHash: claim.requestHash, streamId: claim.streamId, revision: revision + claim.count - 1 }, lastRevision };
      }
    }
    return { used: null, lastRevision };
  }

  /** Where the claim's first event stands in its stream, or null if it was never written. */
  private async revisionOfFirstEvent(claim: IdempotencyClaim): Promise<number | null> {
    const read =
      claim.firstRevision === null
        ? this.client.readStream(claim.streamId, { direction: BACKWARDS, fromRevision: END, maxCount: ANY_REVISION_WINDOW })
        : this.client.readStream(claim.streamId, { fromRevision: BigInt(claim.firstRevision), maxCount: 1 });
    try {
      for await (const resolved of read) {
        if (resolved.event?.id.toLowerCase() === claim.firstEventId.toLowerCase()) return Number(resolved.event.revision);
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return null;
  }
}
