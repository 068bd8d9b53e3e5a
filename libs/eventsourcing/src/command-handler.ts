import { Command, ConcurrencyConflict, Decider, DomainEvent, IdempotencyKeyReused, newId, StoredDomainEvent } from '@quotient/kernel';
import { DuplicateIdempotencyKey } from './errors';
import type { EventStore, EventToAppend } from './event-store.port';

export interface HandleOptions {
  readonly idempotencyKey?: string;
  /** Fingerprint of the request; a key reused with another fingerprint is refused. */
  readonly requestHash?: string;
}

export interface HandleResult {
  readonly streamId: string;
  /** Stream revision after the command (-1 if the stream is still empty). */
  readonly revision: number;
  readonly appended: number;
  /** True when an Idempotency-Key matched an earlier execution: nothing was appended. */
  readonly replayed: boolean;
}

export interface CommandHandlerOptions {
  readonly maxAttempts?: number;
  readonly schemaVersion?: number;
  /** Reads stored event data into the current version (upcasting); identity by default. */
  readonly upcast?: (type: string, schemaVersion: number, data: unknown) => DomainEvent;
}

/**
 * The one way a command changes state: load → fold → decide → append with expected revision.
 * A concurrency conflict reloads and decides again, a bounded number of times. Any error leaves
 * the store untouched.
 */
export const createCommandHandler = <C extends Command, S, E extends DomainEvent>(
  store: EventStore,
  decider: Decider<C, S, E>,
  options: CommandHandlerOptions = {},
) => {
  const maxAttempts = options.maxAttempts ?? 8;
  const upcast = options.upcast ?? ((type: string, _v: number, data: unknown) => ({ type, data }) as DomainEvent);

  const load = async (streamId: string) => {
    const stored = await store.readStream(streamId);
    let state = decider.initialState();
    for (const envelope of stored) {
      const event = upcast(envelope.type, envelope.schemaVersion, envelope.data);
      state = decider.evolve(state, { ...event, occurredAt: envelope.occurredAt, revision: envelope.revision } as StoredDomainEvent<E>);
    }
    return { state, revision: stored.length - 1 };
  };

  const replay = async (key: string, requestHash: string | undefined): Promise<HandleResult | null> => {
    const prior = await store.findIdempotency(key);
    if (!prior) return null;
    if (requestHash !== undefined && prior.requestHash !== requestHash) throw new IdempotencyKeyReused(key);
    return { streamId: prior.streamId, revision: prior.revision, appended: 0, replayed: true };
  };

  // Commands on one stream run one after another inside this process, so a burst on a hot
  // aggregate queues instead of failing on revision conflicts; retries remain for other writers.
  const tails = new Map<string, Promise<unknown>>();
  const oneAtATime = <T>(streamId: string, work: () => Promise<T>): Promise<T> => {
    const run = (tails.get(streamId) ?? Promise.resolve()).then(work, work);
    const tail = run.catch(() => undefined);
    tails.set(streamId, tail);
    void tail.then(() => {
      if (tails.get(streamId) === tail) tails.delete(streamId);
    });
    return run;
  };

  const handle = async (streamId: string, command: C, handleOptions: HandleOptions): Promise<HandleResult> => {
    const { idempotencyKey, requestHash } = handleOptions;
    if (idempotencyKey) {
      const prior = await replay(idempotencyKey, requestHash);
      if (prior) return prior;
    }
    for (let attempt = 1; ; attempt++) {
      const { state, revision } = await load(streamId);
      const events = decider.decide(command, state);
      if (events.length === 0) return { streamId, revision, appended: 0, replayed: false };
      const toAppend: EventToAppend[] = events.map((event) => ({
        id: newId(),
        type: event.type,
        schemaVersion: options.schemaVersion ?? 1,
        data: event.data,
        occurredAt: command.metadata.occurredAt,
        tenantId: command.metadata.tenantId,
        actor: command.metadata.actor,
        correlationId: command.metadata.correlationId,
        causationId: command.metadata.causationId ?? null,
      }));
      try {
        const result = await store.append(streamId, toAppend, {
          expectedRevision: revision < 0 ? 'no_stream' : revision,
          idempotency: idempotencyKey ? { key: idempotencyKey, requestHash: requestHash ?? '' } : undefined,
        });
        return { streamId, revision: result.revision, appended: result.events.length, replayed: false };
      } catch (error) {
        if (error instanceof DuplicateIdempotencyKey && idempotencyKey) {
          const prior = await replay(idempotencyKey, requestHash);
          if (prior) return prior;
        }
        if (error instanceof ConcurrencyConflict && attempt < maxAttempts) {
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 ** attempt));
          continue;
        }
        throw error;
      }
    }
  };

  return (streamId: string, command: C, handleOptions: HandleOptions = {}): Promise<HandleResult> =>
    oneAtATime(streamId, () => handle(streamId, command, handleOptions));
};

export type CommandHandler<C extends Command> = (streamId: string, command: C, options?: HandleOptions) => Promise<HandleResult>;
