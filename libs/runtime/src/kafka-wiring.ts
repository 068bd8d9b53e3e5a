import { join, resolve } from 'node:path';
import { CONTEXTS } from '@quotient/contracts';
import type { CheckpointStore, EventStore, EventSubscription } from '@quotient/eventsourcing';
import { createKafka, KafkaClient, kafkaProjectionSource, METRIC_CHANGES_CHECKPOINT, readKafkaOptions, startEventRelay, startMetricChangesPublisher } from '@quotient/infra-kafka';
import { openDatabase, SqliteCheckpointStore, SqliteEventStore, sqliteSubscription } from '@quotient/infra-sqlite';
import type { ProjectionSource, ReadModelStore } from '@quotient/projection';
import type { Logger } from 'pino';
import type { HistorySourceSpec } from './as-of-worker';
import { httpLogReader } from './http-log-reader';

/** Kafka is the transport when KAFKA_BROKERS is set; otherwise the embedded catch-up is used. */
export const kafkaClientFrom = (env: NodeJS.ProcessEnv, logger: Logger): KafkaClient | null =>
  env.KAFKA_BROKERS ? createKafka(readKafkaOptions(env), logger) : null;

/** What a relay reads: the store, a subscription over it, and where it keeps its checkpoint. */
export interface RelayInput {
  readonly store: EventStore;
  readonly subscription: EventSubscription;
  readonly checkpoints: CheckpointStore;
}

/** The embedded store's relay input: a file-watching subscription, checkpoints in the same file. */
export const sqliteRelayInput = (store: SqliteEventStore, storePath: string): RelayInput => ({
  store,
  subscription: sqliteSubscription(store, storePath),
  checkpoints: new SqliteCheckpointStore(store.db),
});

/** A command service's relay: its committed events to `quotient.<context>.events.v1`. */
export const startRelay = (kafka: KafkaClient, input: RelayInput, context: string, logger: Logger) => startEventRelay({ ...input, kafka, context, logger });

/**
 * Before read-model versions shared one value history, the outbox kept a position per version
 * (`kafka-metric-changes@v<N>`). A deployment upgrading from then adopts the serving version's
 * position once, instead of publishing that version's whole history again. Returns the position.
 */
export const adoptLegacyOutboxPosition = async (checkpoints: CheckpointStore, version: number): Promise<number> => {
  const current = await checkpoints.load(METRIC_CHANGES_CHECKPOINT);
  if (current > 0) return current;
  const legacy = await checkpoints.load(`${METRIC_CHANGES_CHECKPOINT}@v${version}`);
  if (legacy > 0) await checkpoints.save(METRIC_CHANGES_CHECKPOINT, legacy);
  return legacy;
};

const DEFAULT_PORTS: Record<string, number> = { deals: 3001, customers: 3002, costs: 3003, training: 3004 };

/** Where each command service answers, for `asOf` replays over its audit endpoint. */
const serviceUrl = (env: NodeJS.ProcessEnv, context: string): string =>
  env[`${context.toUpperCase()}_URL`] ?? `http://${env.HOST ?? '127.0.0.1'}:${env[`${context.toUpperCase()}_PORT`] ?? DEFAULT_PORTS[context]}`;

/**
 * The projection over Kafka: one consumer group per read-model version (a rebuild reads the
 * topics from the start), `asOf` over the services' audit endpoints, and MetricChanged published
 * from the durable value history (an outbox) so no change is lost while Kafka is down.
 */
export const kafkaProjectionWiring = (kafka: KafkaClient, env: NodeJS.ProcessEnv, dataDir: string) => {
  // `asOf` replays read the services' logs over their audit endpoints (on the asOf thread).
  const history: HistorySourceSpec[] = CONTEXTS.map((context) => ({ name: context, url: serviceUrl(env, context) }));
  const sources = (version: number): ProjectionSource[] =>
    CONTEXTS.map((context) => kafkaProjectionSource({ kafka, context, groupId: `quotient-projection-v${version}`, history: httpLogReader(serviceUrl(env, context)) }));
  const checkpointDb = openDatabase(resolve(join(dataDir, 'projection', 'kafka-outbox.db')), { synchronous: 'NORMAL' });
  const checkpoints = new SqliteCheckpointStore(checkpointDb);
  let publisher: ReturnType<typeof startMetricChangesPublisher> | null = null;
  return {
    sources,
    history,
    onLive: async (version: number, store: ReadModelStore) => {
      await publisher?.stop();
      await adoptLegacyOutboxPosition(checkpoints, version);
      // One outbox position for every version: a rebuild carries the value history over with the
      // same sequence numbers and continues them, so the new version's outbox goes on from there.
      publisher = startMetricChangesPublisher({ store, checkpoints, kafka });
    },
    onChanges: (...args: Parameters<NonNullable<typeof publisher>['onBatchCommitted']>) => publisher?.onBatchCommitted(...args),
    stop: async () => {
      await publisher?.stop();
      checkpointDb.close();
    },
  };
};
