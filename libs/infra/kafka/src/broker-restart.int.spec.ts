import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, openSqliteEventStore, openSqliteReadModelStore, SqliteCheckpointStore, sqliteSubscription } from '@quotient/infra-sqlite';
import { DEFAULT_METRICS_CONFIG } from '@quotient/metrics';
import { ProjectionEngine } from '@quotient/projection';
import { describeWithServer } from '@quotient/test-servers';
import { startEventRelay } from './event-relay';
import { kafkaProjectionSource } from './kafka-projection-source';
import { startMetricChangesPublisher } from './metric-changes-publisher';
import { activityLogged, catalogue, collectingLogger, CONSUMER, dealStream, FAST_BACKOFF, folds, json, probeMetric, probeValue, readTopic, runId, testKafka, waitFor } from './testing/kafka-test-kit';
import { PrivateBroker, privateBrokerUnavailable } from './testing/private-broker';

const DEALS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];

describeWithServer('kafka', 'Kafka broker restart in the middle of a stream of commands', () => {
  const unavailable = privateBrokerUnavailable();
  if (unavailable) {
    it.skip(`skipped: ${unavailable}`, () => undefined);
    process.stdout.write(`[skip] broker restart: ${unavailable}\n`);
    return;
  }
  const broker = new PrivateBroker();
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'quotient-kafka-restart-'));
    await broker.start();
  }, 180_000);
  afterAll(async () => {
    await broker.dispose();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('loses nothing and counts nothing twice; relay, projection and publisher say plainly that Kafka is away and carry on', async () => {
    const logger = collectingLogger();
    const namespace = runId();
    const kafka = testKafka(broker.brokers, namespace, logger);
    const storePath = join(dir, 'deals.db');
    const store = openSqliteEventStore(storePath);
    const relay = startEventRelay({ store, checkpoints: new SqliteCheckpointStore(store.db), subscription: sqliteSubscription(store, storePath, 50), kafka, context: 'deals', backoff: FAST_BACKOFF });
    const readModels = openSqliteReadModelStore(join(dir, 'read-models.db'));
    const publisherDb = openDatabase(join(dir, 'publisher.db'));
    const publisher = startMetricChangesPublisher({ store: readModels, checkpoints: new SqliteCheckpointStore(publisherDb), kafka, idlePollMs: 200, backoff: FAST_BACKOFF });
    const source = kafkaProjectionSource({ kafka, context: 'deals', groupId: `${namespace}-projection`, consumer: CONSUMER, backoff: FAST_BACKOFF });
    const engine = new ProjectionEngine({ store: readModels, sources: [source], catalogue: catalogue(), folds: folds(), config: DEFAULT_METRICS_CONFIG, publish: publisher.onBatchCommitted });
    await engine.start();
    await relay.ready;

    let revision = -1;
    const commands = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const deal = DEALS[i % DEALS.length];
        if (deal === DEALS[0]) revision++;
        await store.append(dealStream(deal), [activityLogged(deal)], { expectedRevision: revision === 0 ? 'no_stream' : revision - 1 });
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };

    await commands(40);
    await waitFor(() => engine.core.counters.eventsApplied === 40, 30_000, 'the first 40 events to be projected');
    const stopping = broker.stop();
    await commands(40); // while the broker shuts down and is away
    await stopping;
    await commands(40);
    await broker.start();
    await commands(40);

    await waitFor(() => engine.core.counters.eventsApplied === 160, 60_000, `all 160 events to be projected (now ${engine.core.counters.eventsApplied})`);
    await engine.settle(20_000);
    await waitFor(async () => (await relay.status()).position === 160, 10_000, 'the relay checkpoint');
    const history = await readModels.changesAfter(0, 100_000);
    await waitFor(() => publisher.status().seq === history.at(-1)!.seq, 20_000, 'the publisher to drain the outbox');
    const changes = await readTopic(kafka.kafka, kafka.topics.metricsChanged, (m) => m.length >= history.length);

    expect(engine.core.counters.eventsApplied).toBe(160);
    expect(engine.core.counters.deadLettered).toBe(0);
    expect(Object.fromEntries(engine.core.streams)).toEqual(Object.fromEntries(DEALS.map((d) => [dealStream(d), 19])));
    expect(probeValue(engine.core)).toBe(160);
    expect(changes).toHaveLength(history.length);
    const probeOrg = changes.filter((c) => c.message.key?.toString() === `${probeMetric.id}|org|2026-11`).map((c) => json(c.message));
    expect(probeOrg.at(-1)?.value).toBe(160);
    expect(probeOrg.map((c) => c.previousValue)).toEqual([null, ...probeOrg.slice(0, -1).map((c) => c.value)]);

    const unreachable = logger.lines.filter((l) => l.level === 'warn' && / is not reachable; retrying in /.test(l.message));
    expect(unreachable.length).toBeGreaterThan(0);
    expect(logger.lines.some((l) => 'stack' in l.fields)).toBe(false);
    process.stdout.write(`broker restart: ${unreachable.length} "not reachable" lines, ${engine.core.counters.duplicatesSkipped} duplicates skipped, relay ${JSON.stringify(await relay.status())}\n`);

    await relay.stop();
    await engine.stop();
    await source.close();
    await publisher.stop();
    await store.close();
    await readModels.close();
    publisherDb.close();
  }, 150_000);
});
