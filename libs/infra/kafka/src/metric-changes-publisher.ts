import { MetricChanged, metricChangedKey } from '@quotient/contracts';
import type { CheckpointStore } from '@quotient/eventsourcing';
import type { DeadLetter, ReadModelStore, StoredMetricChange } from '@quotient/projection';
import { Message, Partitioners } from 'kafkajs';
import { ensureClientTopics, KafkaClient } from './kafka-config';
import type { KafkaLogger } from './kafka-logging';
import { Backoff, DEFAULT_BACKOFF, errorMessage, retryUntilDone, Stopped, Stopper } from './kafka-retry';

export interface MetricChangesPublisherOptions {
  /** The projection's read models: their value history (`changesAfter`) is the outbox. */
  readonly store: Pick<ReadModelStore, 'changesAfter'>;
  /** Where the publisher remembers the last published `seq`. */
  readonly checkpoints: CheckpointStore;
  readonly kafka: KafkaClient;
  readonly logger?: KafkaLogger;
  /** Use one name per read-model version: each version numbers its history from 1. */
  readonly checkpointName?: string;
  readonly batchSize?: number;
  /** Longest wait between two looks at the outbox when nothing woke the publisher. */
  readonly idlePollMs?: number;
  readonly backoff?: Backoff;
}

export interface MetricChangesPublisherStatus {
  readonly seq: number;
  readonly published: number;
  readonly invalid: number;
  readonly deadLettersPublished: number;
  readonly deadLettersPending: number;
  readonly lastError: string | null;
}

export interface MetricChangesPublisher {
  readonly ready: Promise<void>;
  /** Look at the outbox now (a batch was just committed). */
  wake(): void;
  /** Queues dead letters for `quotient.deadletter.v1` (they are durable in the read-model store already). */
  publishDeadLetters(letters: readonly DeadLetter[]): void;
  /** Fits ProjectionEngineOptions.publish: wakes the outbox and queues the batch's dead letters. */
  readonly onBatchCommitted: (changes: readonly StoredMetricChange[], deadLetters: readonly DeadLetter[]) => void;
  status(): MetricChangesPublisherStatus;
  stop(): Promise<void>;
}

export const METRIC_CHANGES_CHECKPOINT = 'kafka-metric-changes';

/**
 * Publishes every MetricChanged to `quotient.metrics.changed.v1`, keyed `metric|scope|period`
 * (so one value's changes stay in order on one partition), as an outbox relay: it reads the
 * read model's durable value history after its own checkpoint, sends, and advances the
 * checkpoint once the broker acknowledged. A change committed while Kafka is down is sent when
 * Kafka is back; a crash re-sends at most one batch (at-least-once; consumers can de-duplicate
 * by `causedBy` + metric key, or by the `seq` header).
 */
export const startMetricChangesPublisher = (options: MetricChangesPublisherOptions): MetricChangesPublisher => {
  const { kafka: client } = options;
  const logger = options.logger ?? client.logger;
  const { metricsChanged: topic, deadLetter: deadLetterTopic } = client.topics;
  const checkpointName = options.checkpointName ?? METRIC_CHANGES_CHECKPOINT;
  const batchSize = options.batchSize ?? 500;
  const stopper = new Stopper();
  const idle = new Stopper();
  const state = { seq: 0, published: 0, invalid: 0, deadLettersPublished: 0, lastError: null as string | null };
  let deadLetters: DeadLetter[] = [];
  // Idempotent with one request in flight, for the same reason as the event relay: per-key order under retries.
  const producer = client.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  const retry = (step: string) => ({
    what: 'metric changes publisher',
    stopper,
    backoff: options.backoff ?? DEFAULT_BACKOFF,
    brokers: client.options.brokers,
    logger,
    fields: { component: 'kafka-metric-changes', topic, step },
    onFailure: (error: unknown) => void (state.lastError = errorMessage(error)),
  });

  const toMessage = (change: StoredMetricChange): Message | null => {
    const { seq, ...rest } = change;
    const parsed = MetricChanged.safeParse(rest);
    if (parsed.success) return { key: metricChangedKey(parsed.data), value: JSON.stringify(parsed.data), headers: { seq: String(seq), metric: parsed.data.metric } };
    state.invalid++;
    logger.error({ component: 'kafka-metric-changes', seq, issues: parsed.error.issues }, `metric change ${seq} does not match the MetricChanged contract; not published`);
    return null;
  };

  /** Publishes one outbox batch; true when there may be more. */
  const publishChanges = async (): Promise<boolean> => {
    const changes = await options.store.changesAfter(state.seq, batchSize);
    if (changes.length === 0) return false;
    const messages = changes.map(toMessage).filter((m): m is Message => m !== null);
    if (messages.length > 0) await retryUntilDone(() => producer.send({ topic, messages, acks: -1 }), retry('send'));
    const last = changes[changes.length - 1].seq;
    await options.checkpoints.save(checkpointName, last);
    state.seq = last;
    state.published += messages.length;
    state.lastError = null;
    return changes.length === batchSize;
  };

  const publishDeadLetters = async (): Promise<void> => {
    if (deadLetters.length === 0) return;
    const batch = deadLetters;
    const messages = batch.map((letter) => ({ key: letter.streamId, value: JSON.stringify(letter), headers: { source: letter.source, type: letter.type } }));
    await retryUntilDone(() => producer.send({ topic: deadLetterTopic, messages, acks: -1 }), retry('dead-letters'));
    deadLetters = deadLetters.slice(batch.length);
    state.deadLettersPublished += batch.length;
  };

  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const loop = async (): Promise<void> => {
    await retryUntilDone(async () => {
      await producer.connect();
      await ensureClientTopics(client, [topic, deadLetterTopic], logger);
    }, retry('connect'));
    state.seq = await options.checkpoints.load(checkpointName);
    logger.info({ component: 'kafka-metric-changes', topic, seq: state.seq }, `publishing metric changes to ${topic} after change ${state.seq}`);
    markReady();
    while (!stopper.stopped) {
      try {
        await publishDeadLetters();
        if (await publishChanges()) continue;
      } catch (error) {
        if (error instanceof Stopped) break;
        state.lastError = errorMessage(error);
        logger.warn({ component: 'kafka-metric-changes', seq: state.seq }, `metric changes publisher failed: ${state.lastError}; trying again`);
        await stopper.sleep((options.backoff ?? DEFAULT_BACKOFF).initialMs);
        continue;
      }
      await idle.sleep(options.idlePollMs ?? 1000);
    }
  };

  const running = loop()
    .catch((error) => {
      if (error instanceof Stopped) return;
      state.lastError = errorMessage(error);
      logger.error({ component: 'kafka-metric-changes', topic }, `metric changes publisher stopped: ${state.lastError}`);
    })
    .finally(markReady);

  const queueDeadLetters = (letters: readonly DeadLetter[]) => {
    if (letters.length === 0) return;
    deadLetters = [...deadLetters, ...letters];
    idle.wake();
  };

  return {
    ready,
    wake: () => idle.wake(),
    publishDeadLetters: queueDeadLetters,
    onBatchCommitted: (_changes, letters) => {
      queueDeadLetters(letters);
      idle.wake();
    },
    status: () => ({ ...state, deadLettersPending: deadLetters.length }),
    stop: async () => {
      stopper.stop();
      idle.stop();
      await running;
      await producer.disconnect().catch(() => undefined);
    },
  };
};
