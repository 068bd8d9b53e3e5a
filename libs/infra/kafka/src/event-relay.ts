import type { CheckpointStore, EventStore, EventSubscription, SubscriptionHandle } from '@quotient/eventsourcing';
import type { EventEnvelope } from '@quotient/kernel';
import { Message, Partitioners } from 'kafkajs';
import { ensureClientTopics, KafkaClient } from './kafka-config';
import { envelopeMessage } from './kafka-envelope';
import { isTooLarge, KafkaLogger } from './kafka-logging';
import { Backoff, DEFAULT_BACKOFF, errorMessage, retryUntilDone, Stopped, Stopper } from './kafka-retry';

export interface EventRelayOptions {
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
  /** A subscription over `store` (e.g. sqliteSubscription): wakes the relay as soon as events commit. */
  readonly subscription: EventSubscription;
  readonly kafka: KafkaClient;
  /** The bounded context: its topic is `quotient.<context>.events.v1`. */
  readonly context: string;
  readonly logger?: KafkaLogger;
  readonly checkpointName?: string;
  /** Events per `send` (default 500). */
  readonly batchSize?: number;
  /**
   * How long an acknowledged position may wait before it is saved as the checkpoint (default
   * 200 ms; 0 saves after every batch). A save is a write to the service's own store (an fsync
   * that blocks its event loop): saving at most this often keeps it off the relay's and the
   * commands' path. A crash re-sends at most this much — duplicates, dropped by revision.
   */
  readonly checkpointEveryMs?: number;
  readonly backoff?: Backoff;
}

export interface EventRelayStatus {
  readonly topic: string;
  /** Position of the last event the broker acknowledged (= the checkpoint). */
  readonly position: number;
  /** Position of the last event in the store. */
  readonly lastPosition: number;
  /** Events published since this relay started (duplicates after a crash included). */
  readonly published: number;
  readonly connected: boolean;
  readonly lastError: string | null;
}

export interface EventRelay {
  /** Resolves once the producer is connected, the topic exists and the relay follows the store. */
  readonly ready: Promise<void>;
  status(): Promise<EventRelayStatus>;
  stop(): Promise<void>;
}

export const RELAY_CHECKPOINT = 'kafka-relay';

/**
 * Relays a command service's committed events to its Kafka topic, off the request path:
 * reads the store after its checkpoint, sends a batch, and advances the checkpoint only once
 * the broker acknowledged it (acks = all). A failed send is retried — the same batch, with
 * backoff, for as long as it takes; nothing is skipped. A crash between the acknowledgement
 * and the checkpoint re-sends the batch: at-least-once, and the projection drops the
 * duplicates by stream revision.
 */
export const startEventRelay = (options: EventRelayOptions): EventRelay => {
  const { kafka: client, context } = options;
  const logger = options.logger ?? client.logger;
  const topic = client.topics.events(context);
  const checkpointName = options.checkpointName ?? RELAY_CHECKPOINT;
  const stopper = new Stopper();
  const state = { position: 0, published: 0, connected: false, lastError: null as string | null };
  let handle: SubscriptionHandle | null = null;

  // idempotent: a send that kafkajs retries after a lost acknowledgement is not written twice.
  // maxInFlightRequests 1: a retried request can never be overtaken by the next one, so the
  // events of one stream (one key, one partition) stay in order even while the broker flaps.
  const producer = client.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });

  const retry = (step: string) => ({
    what: `event relay (${context})`,
    stopper,
    backoff: options.backoff ?? DEFAULT_BACKOFF,
    brokers: client.options.brokers,
    logger,
    fields: { component: 'kafka-relay', topic, step },
    onFailure: (error: unknown) => {
      state.connected = false;
      state.lastError = errorMessage(error);
    },
  });

  /** Sends in order; a batch the broker finds too large is sent as two halves, one after the other. */
  const send = async (messages: readonly Message[]): Promise<void> => {
    try {
      await producer.send({ topic, messages: [...messages], acks: -1 });
    } catch (error) {
      if (messages.length < 2 || !isTooLarge(error)) throw error;
      const half = Math.ceil(messages.length / 2);
      await send(messages.slice(0, half));
      await send(messages.slice(half));
    }
  };

  let saved = 0;
  let saveTimer: NodeJS.Timeout | null = null;
  /** Saves the last acknowledged position; never one the broker has not acknowledged. */
  const saveCheckpoint = async (): Promise<void> => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = null;
    const position = state.position;
    if (position === saved) return;
    await options.checkpoints.save(checkpointName, position);
    saved = position;
  };
  const checkpointEveryMs = options.checkpointEveryMs ?? 200;

  const publish = async (events: readonly EventEnvelope[]): Promise<void> => {
    const last = events[events.length - 1].position;
    const messages = events.map(envelopeMessage);
    await retryUntilDone(() => send(messages), retry('send'));
    state.connected = true;
    state.lastError = null;
    // Only now is the batch on the broker; a checkpoint lost in a crash re-sends it (a duplicate, never a loss).
    state.position = last;
    state.published += events.length;
    if (checkpointEveryMs === 0) return saveCheckpoint();
    saveTimer ??= setTimeout(() => {
      saveCheckpoint().catch((error: unknown) => {
        state.lastError = `checkpoint not saved: ${errorMessage(error)}`;
        logger.warn({ component: 'kafka-relay', topic, position: state.position }, `event relay (${context}): ${state.lastError}; retrying with the next batch`);
      });
    }, checkpointEveryMs);
  };

  const start = async (): Promise<void> => {
    await retryUntilDone(async () => {
      await producer.connect();
      await ensureClientTopics(client, [{ topic, retentionMs: -1 }], logger);
    }, retry('connect'));
    state.connected = true;
    state.lastError = null;
    state.position = saved = await options.checkpoints.load(checkpointName);
    if (stopper.stopped) return;
    logger.info({ component: 'kafka-relay', topic, position: state.position }, `event relay (${context}) publishing to ${topic} after position ${state.position}`);
    handle = options.subscription.subscribe({
      after: state.position,
      batchSize: options.batchSize ?? 500,
      onBatch: publish,
      onError: (error) => {
        if (error instanceof Stopped || stopper.stopped) return;
        state.lastError = errorMessage(error);
        logger.warn({ component: 'kafka-relay', topic, position: state.position }, `event relay (${context}) failed: ${state.lastError}; re-reading after position ${state.position}`);
      },
    });
  };

  const ready = start().catch((error) => {
    if (error instanceof Stopped) return;
    state.lastError = errorMessage(error);
    logger.error({ component: 'kafka-relay', topic }, `event relay (${context}) could not start: ${state.lastError}`);
  });

  return {
    ready,
    status: async () => ({ topic, ...state, lastPosition: await options.store.lastPosition() }),
    stop: async () => {
      stopper.stop();
      await ready;
      await handle?.stop();
      await saveCheckpoint().catch((error: unknown) => logger.warn({ component: 'kafka-relay', topic }, `event relay (${context}): checkpoint not saved at stop: ${errorMessage(error)}`));
      await producer.disconnect().catch(() => undefined);
    },
  };
};
