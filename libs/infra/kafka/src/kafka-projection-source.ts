import type { EventSubscription, SubscribeOptions, SubscriptionHandle } from '@quotient/eventsourcing';
import type { EventEnvelope } from '@quotient/kernel';
import type { DeadLetter, ProjectionSource } from '@quotient/projection';
import type { Consumer, ConsumerConfig } from 'kafkajs';
import { ConsumerProgress } from './consumer-progress';
import { ensureClientTopics, KafkaClient } from './kafka-config';
import { commitAfterWrite } from './kafka-batch-handler';
import { describeFailure, KafkaLogger } from './kafka-logging';
import { Backoff, backoffDelay, DEFAULT_BACKOFF, errorMessage, retryUntilDone, Stopped, Stopper } from './kafka-retry';

/** Where `asOf` replays read a context's log: its owning service (Kafka has no "recorded up to" index). */
export interface EventHistory {
  readAll(fromPosition: number, limit: number, recordedUpTo?: string): Promise<EventEnvelope[]>;
}

export interface KafkaProjectionSourceOptions {
  readonly kafka: KafkaClient;
  readonly context: string;
  /**
   * The projection's consumer group; the members of one source join `<groupId>.<context>`, since
   * kafkajs's assigner expects every member of a group to subscribe to the same topics. Use one
   * per read-model version so a rebuild reads from the start.
   */
  readonly groupId: string;
  readonly history?: EventHistory;
  readonly logger?: KafkaLogger;
  /** A message that is no event envelope at all; its offset is committed once this resolves. */
  readonly onMalformed?: (letter: DeadLetter) => Promise<void>;
  readonly consumer?: Pick<ConsumerConfig, 'sessionTimeout' | 'heartbeatInterval' | 'maxWaitTimeInMs' | 'rebalanceTimeout'>;
  /**
   * Partitions handed to the projection at once (default: the topic's partition count). Their
   * batches reach the engine together and are folded, evaluated and committed as one; each
   * partition (so each stream) stays in order.
   */
  readonly partitionsConsumedConcurrently?: number;
  readonly backoff?: Backoff;
}

export interface KafkaProjectionSource extends ProjectionSource {
  readonly topic: string;
  /** The consumer group this source's members join: `<groupId>.<context>`. */
  readonly groupId: string;
  /** Messages of this member's partitions the group has not committed yet; NaN while unknown. */
  lag(): Promise<number>;
  /** The partitions this member owns now. */
  assignment(): readonly number[];
}

/**
 * The projection's source for one context in the distributed deployment: a consumer group on
 * `quotient.<context>.events.v1`. Offsets are committed only after `onBatch` resolved, i.e.
 * after the read-model batch (and the engine's checkpoint) is durable; a crash in between
 * re-delivers the batch and the projection skips it by stream revision.
 *
 * Why not @nestjs/microservices' Kafka transport here: its server drives kafkajs `eachMessage`
 * (it overrides any `eachBatch`) with kafkajs auto-commit, so offsets are committed per message
 * on kafkajs's schedule, not after our multi-event read-model batch is written — it cannot
 * guarantee commit-after-write. We drive `eachBatch` with `autoCommit: false` instead.
 *
 * Positions: Kafka orders events per partition, not by the store's global `position`, so the
 * engine's checkpoint for this source is only "the last event of the last batch"; the
 * committed offsets are the real resume point. `lastPosition()` is therefore a lag proxy:
 * that last delivered position plus `lag()`, so the engine's `lastPosition − checkpoint` is the
 * number of messages still to apply on this member's partitions.
 */
export const kafkaProjectionSource = (options: KafkaProjectionSourceOptions): KafkaProjectionSource => {
  const { kafka: client, context } = options;
  const groupId = `${options.groupId}.${context}`;
  const logger = options.logger ?? client.logger;
  const topic = client.topics.events(context);
  const progress = new ConsumerProgress(topic, groupId, () => client.kafka.admin());
  const fields = { component: 'kafka-projection-source', topic, groupId };
  const what = `projection source (${context})`;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  let lastDelivered = 0;
  let active: SubscriptionHandle | null = null;

  const subscribe = (sub: SubscribeOptions): SubscriptionHandle => {
    if (active) throw new Error(`kafka source ${context}: already subscribed`);
    const stopper = new Stopper();
    lastDelivered = sub.after;
    let resolveCaughtUp!: () => void;
    const caughtUp = new Promise<void>((resolve) => (resolveCaughtUp = resolve));
    const signalCaughtUp = () => {
      sub.onCaughtUp?.(lastDelivered);
      resolveCaughtUp();
    };
    let consumer: Consumer | null = null;
    let crashes = 0;

    const eachBatch = commitAfterWrite({
      topic,
      context,
      batchSize: sub.batchSize ?? 2000,
      write: sub.onBatch,
      onMalformed: options.onMalformed ?? (async (l) => logger.warn({ ...fields, letter: { ...l, payload: undefined } }, `skipped a message that is no event envelope: ${l.reason}`)),
      onNotWritten: (error, partition, offset) => {
        sub.onError?.(error);
        logger.warn({ ...fields, partition, offset }, `${what}: batch not written (${errorMessage(error)}); it will be delivered again`);
      },
      onCommitted: (position) => {
        // Partitions commit in any order: the highest position delivered, as the engine's checkpoint keeps it.
        if (position !== null && position > lastDelivered) lastDelivered = position;
        crashes = 0;
      },
      onPartitionEnd: (partition) => progress.reachedEnd(partition) && signalCaughtUp(),
    });

    const start = async (): Promise<void> => {
      const current = client.kafka.consumer({
        groupId,
        maxWaitTimeInMs: 1000,
        ...options.consumer,
        retry: {
          ...client.retry,
          // kafkajs restarts a crashed consumer by itself (after `retryTime`); we add our backoff so a
          // long outage is not hammered, and say so once per attempt, in plain words.
          restartOnFailure: async (error) => {
            const pause = backoffDelay(backoff, ++crashes);
            const kafkajsPause = (error as { retryTime?: number }).retryTime ?? client.retry.initialRetryTime ?? 300;
            logger.warn({ ...fields, attempt: crashes }, describeFailure(what, error, client.options.brokers, pause + kafkajsPause));
            await stopper.sleep(pause);
            return !stopper.stopped;
          },
        },
      });
      consumer = current;
      current.on(current.events.GROUP_JOIN, ({ payload }) => {
        progress.assign(payload.memberAssignment[topic] ?? []);
        crashes = 0;
        logger.info({ ...fields, partitions: progress.partitions }, `projection source (${context}) owns partitions [${progress.partitions.join(', ')}]`);
        void progress.markIdlePartitions(() => stopper.stopped, (ms) => stopper.sleep(ms)).then((done) => done && signalCaughtUp());
      });
      // A crash kafkajs will not restart (a non-retriable error): start over ourselves, after a pause.
      current.on(current.events.CRASH, ({ payload }) => {
        if (payload.restart || stopper.stopped) return;
        const pause = backoffDelay(backoff, ++crashes);
        logger.warn({ ...fields, attempt: crashes }, describeFailure(what, payload.error, client.options.brokers, pause));
        void stopper.sleep(pause).then(() => (stopper.stopped ? undefined : run()));
      });
      await current.connect();
      await ensureClientTopics(client, [{ topic, retentionMs: -1 }], logger);
      await current.subscribe({ topics: [topic], fromBeginning: true });
      const partitionsConsumedConcurrently = options.partitionsConsumedConcurrently ?? client.options.partitions;
      await current.run({ autoCommit: false, eachBatchAutoResolve: false, partitionsConsumedConcurrently, eachBatch });
    };

    const retryContext = { what, stopper, backoff, brokers: client.options.brokers, logger, fields };
    let running: Promise<void> = Promise.resolve();
    const run = () =>
      (running = retryUntilDone(async () => {
        try {
          await start();
        } catch (error) {
          await consumer?.disconnect().catch(() => undefined);
          throw error;
        }
      }, retryContext).catch((error) => {
        if (!(error instanceof Stopped)) sub.onError?.(error);
      }));
    void run();

    active = {
      caughtUp,
      stop: async () => {
        stopper.stop();
        await running;
        await consumer?.disconnect().catch(() => undefined);
        active = null;
      },
    };
    return active;
  };

  const subscription: EventSubscription = { subscribe };
  return {
    name: context,
    topic,
    groupId,
    subscription,
    lag: () => progress.lag(),
    assignment: () => progress.partitions,
    lastPosition: async () => lastDelivered + (await progress.lag()),
    readAll: async (fromPosition, limit, recordedUpTo) => {
      if (!options.history) {
        throw new Error(`kafka source ${context}: asOf reads need the ${context} service's own log (pass \`history\`, e.g. a client of its GET /events); Kafka keeps no "recorded up to" index`);
      }
      return options.history.readAll(fromPosition, limit, recordedUpTo);
    },
    close: async () => {
      await active?.stop();
      await progress.close();
    },
  };
};
