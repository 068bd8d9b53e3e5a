import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONTEXTS } from '@quotient/contracts';
import { createKafka, startEventRelay } from '@quotient/infra-kafka';
import { openSqliteEventStore, SqliteCheckpointStore, sqliteSubscription } from '@quotient/infra-sqlite';
import { sourceOf, testHistory } from '@quotient/projection/testing';
import pino from 'pino';
import { note, report, sleep, tempDir } from './support/report';

/**
 * kafka-throughput: events/s from the first append to the last read-model write, through the
 * real broker (KAFKA_BROKERS). As `npm run start:kafka` deploys it: the relays run beside the
 * four SQLite stores (here, in this process, which appends as fast as it can; relay batches of the
 * default size), the projection service runs in its own process (built; `npm run bench` builds
 * first) consuming the four topics into its SQLite read model; the end is when its
 * /projection/status counts every event applied.
 * KAFKA_BENCH_COPIES scales the history (default 1,000 copies of a ~68-event cross-context
 * history ≈ 68,000 events).
 */
const brokers = process.env.KAFKA_BROKERS;
const copies = Number(process.env.KAFKA_BENCH_COPIES ?? 1000);
const PROJECTION = resolve(__dirname, '../apps/projection-service/src/main.js');

const eventsApplied = async (url: string): Promise<number> => {
  try {
    const response = await fetch(`${url}/projection/status`);
    return response.ok ? ((await response.json()) as { eventsApplied: number }).eventsApplied : -1;
  } catch {
    return -1;
  }
};

const main = async () => {
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: start the broker with `npm run kafka:start` and export the variable it prints');
  const dir = tempDir('kafka-throughput');
  const namespace = `bench${Date.now().toString(36)}`;
  const logger = pino({ level: 'warn' });
  const kafka = createKafka({ brokers: brokers.split(','), clientId: namespace, partitions: 4, replicationFactor: 1, topicNamespace: namespace }, logger);
  const history = testHistory(copies);
  const stores = CONTEXTS.map((context) => ({ context, path: join(dir, `${context}.db`) })).map(({ context, path }) => ({ context, path, store: openSqliteEventStore(path) }));
  const relays = stores.map(({ context, path, store }) =>
    startEventRelay({ store, checkpoints: new SqliteCheckpointStore(store.db), subscription: sqliteSubscription(store, path, 50), kafka, context }),
  );
  const port = 42_000 + Math.floor(Math.random() * 900);
  const url = `http://127.0.0.1:${port}`;
  const projection = spawn(process.execPath, [PROJECTION], {
    env: {
      ...process.env,
      DATA_DIR: join(dir, 'projection-data'),
      PROJECTION_PORT: String(port),
      LOG_LEVEL: 'warn',
      KAFKA_BROKERS: brokers,
      KAFKA_TOPIC_NAMESPACE: namespace,
      KAFKA_PARTITIONS: '4',
      PROJECTION_BATCH_SIZE: '5000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (const deadline = Date.now() + 60_000; (await eventsApplied(url)) < 0; await sleep(100)) {
      if (Date.now() > deadline || projection.exitCode !== null) throw new Error('the projection service did not start');
    }
    await Promise.all(relays.map((r) => r.ready));
    const started = performance.now();
    for (const { context, store } of stores) {
      const events = history.filter((e) => sourceOf(e) === context);
      for (let i = 0; i < events.length; i += 5000) {
        await Promise.all(events.slice(i, i + 5000).map((e) => store.append(e.streamId, [e], { expectedRevision: 'any' })));
      }
    }
    const appended = performance.now();
    for (const deadline = Date.now() + 300_000; (await eventsApplied(url)) < history.length; await sleep(10)) {
      if (Date.now() > deadline) throw new Error(`the projection applied ${await eventsApplied(url)} of ${history.length} events in 5 minutes`);
    }
    const seconds = (performance.now() - started) / 1000;
    note(`${history.length} events appended in ${((appended - started) / 1000).toFixed(1)} s, relayed and projected (projection service in its own process) in ${seconds.toFixed(1)} s`);
    report('kafka-throughput', history.length / seconds, 'events/s');
  } finally {
    const exited = new Promise((r) => projection.once('exit', r));
    projection.kill('SIGTERM');
    await exited;
    for (const relay of relays) await relay.stop();
    for (const { store } of stores) await store.close();
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
