import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTEXTS } from '@quotient/contracts';
import { createKafka, kafkaProjectionSource, startEventRelay } from '@quotient/infra-kafka';
import { openSqliteEventStore, openSqliteReadModelStore, SqliteCheckpointStore, sqliteSubscription } from '@quotient/infra-sqlite';
import { DEFAULT_METRICS_CONFIG, metricCatalogue, metricFolds } from '@quotient/metrics';
import { ProjectionEngine } from '@quotient/projection';
import { sourceOf, testHistory } from '@quotient/projection/testing';
import pino from 'pino';

/**
 * kafka-throughput: events/s from the first append to the last read-model write, through the
 * real broker (KAFKA_BROKERS): four SQLite stores, their relays, four topics, the projection's
 * consumer groups and a SQLite read model. KAFKA_BENCH_COPIES scales the history (default 1,000
 * copies of a ~75-event cross-context history ≈ 75,000 events).
 */
const brokers = process.env.KAFKA_BROKERS;
const copies = Number(process.env.KAFKA_BENCH_COPIES ?? 1000);

const main = async () => {
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: start the broker with `npm run kafka:start` and export the variable it prints');
  const dir = mkdtempSync(join(tmpdir(), 'quotient-kafka-bench-'));
  const namespace = `bench${Date.now().toString(36)}`;
  const logger = pino({ level: 'warn' });
  const kafka = createKafka({ brokers: brokers.split(','), clientId: namespace, partitions: 4, replicationFactor: 1, topicNamespace: namespace }, logger);
  const history = testHistory(copies);
  const stores = CONTEXTS.map((context) => ({ context, path: join(dir, `${context}.db`) })).map(({ context, path }) => ({ context, path, store: openSqliteEventStore(path) }));
  const relays = stores.map(({ context, path, store }) =>
    startEventRelay({ store, checkpoints: new SqliteCheckpointStore(store.db), subscription: sqliteSubscription(store, path, 50), kafka, context, batchSize: 2000 }),
  );
  const sources = CONTEXTS.map((context) => kafkaProjectionSource({ kafka, context, groupId: `${namespace}-projection`, consumer: { maxWaitTimeInMs: 100 } }));
  const readModels = openSqliteReadModelStore(join(dir, 'read-models.db'));
  const engine = new ProjectionEngine({ store: readModels, sources, catalogue: metricCatalogue, folds: metricFolds, config: DEFAULT_METRICS_CONFIG, batchSize: 5000 });
  await engine.start();
  await Promise.all(relays.map((r) => r.ready));
  try {
    const started = performance.now();
    for (const { context, store } of stores) {
      const events = history.filter((e) => sourceOf(e) === context);
      for (let i = 0; i < events.length; i += 5000) {
        await Promise.all(events.slice(i, i + 5000).map((e) => store.append(e.streamId, [e], { expectedRevision: 'any' })));
      }
    }
    const appended = performance.now();
    while (engine.core.counters.eventsApplied < history.length) await new Promise((r) => setTimeout(r, 20));
    const seconds = (performance.now() - started) / 1000;
    process.stderr.write(`${history.length} events appended in ${((appended - started) / 1000).toFixed(1)} s, relayed and projected in ${seconds.toFixed(1)} s\n`);
    process.stdout.write(`kafka-throughput: ${Math.round(history.length / seconds)} events/s\n`);
  } finally {
    await engine.stop();
    for (const source of sources) await source.close();
    for (const relay of relays) await relay.stop();
    for (const { store } of stores) await store.close();
    await readModels.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`kafka-throughput failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
