import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MetricChanged, metricChangedKey } from '@quotient/contracts';
import { openDatabase, openSqliteEventStore, openSqliteReadModelStore, SqliteCheckpointStore, sqliteSubscription } from '@quotient/infra-sqlite';
import { DEFAULT_METRICS_CONFIG } from '@quotient/metrics';
import { ProjectionEngine } from '@quotient/projection';
import { describeWithServer } from '@quotient/test-servers';
import { startEventRelay } from './event-relay';
import type { KafkaClient } from './kafka-config';
import { kafkaProjectionSource } from './kafka-projection-source';
import { startMetricChangesPublisher } from './metric-changes-publisher';
import { startSampleDownstreamConsumer } from './sample-downstream.consumer';
import { activityLogged, catalogue, CONSUMER, dealStream, FAST_BACKOFF, folds, header, json, probeMetric, ReadMessage, readTopic, runId, testKafka, waitFor } from './testing/kafka-test-kit';

const PROBE_ORG_KEY = `${probeMetric.id}|org|2026-11`;

/**
 * One value's changes, in partition order: each starts from the previous value and they end at
 * `final` (a batch of several events makes one change, so the steps depend on batching).
 */
const expectChain = (published: readonly ReadMessage[], key: string, final: number) => {
  const changes = published.filter((p) => p.message.key?.toString() === key).map((p) => json(p.message));
  expect(changes.length).toBeGreaterThan(0);
  expect(changes.map((c) => c.previousValue)).toEqual([null, ...changes.slice(0, -1).map((c) => c.value)]);
  expect(changes.at(-1)?.value).toBe(final);
};

describeWithServer('kafka', 'Kafka end to end (real broker)', (url) => {
  let dir: string;
  let namespace: string;
  let kafka: KafkaClient;
  const stops: Array<() => Promise<unknown>> = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'quotient-kafka-'));
    namespace = runId();
    kafka = testKafka(url(), namespace);
  });
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A deals service's store and relay, and a projection service reading the topic. */
  const system = async (withPublisher: boolean) => {
    const storePath = join(dir, 'deals.db');
    const store = openSqliteEventStore(storePath);
    const relay = startEventRelay({ store, checkpoints: new SqliteCheckpointStore(store.db), subscription: sqliteSubscription(store, storePath, 50), kafka, context: 'deals', backoff: FAST_BACKOFF });
    const readModels = openSqliteReadModelStore(join(dir, 'read-models.db'));
    const publisherDb = openDatabase(join(dir, 'publisher.db'));
    const publisherCheckpoints = new SqliteCheckpointStore(publisherDb);
    const startPublisher = () => {
      const publisher = startMetricChangesPublisher({ store: readModels, checkpoints: publisherCheckpoints, kafka, idlePollMs: 200, backoff: FAST_BACKOFF });
      stops.push(() => publisher.stop());
      return publisher;
    };
    const publisher = withPublisher ? startPublisher() : null;
    const source = kafkaProjectionSource({ kafka, context: 'deals', groupId: `${namespace}-projection`, consumer: CONSUMER, onMalformed: async (l) => publisher?.publishDeadLetters([l]) });
    const engine = new ProjectionEngine({ store: readModels, sources: [source], catalogue: catalogue(), folds: folds(), config: DEFAULT_METRICS_CONFIG, publish: publisher?.onBatchCommitted });
    await engine.start();
    stops.push(() => store.close(), () => relay.stop(), () => readModels.close(), async () => publisherDb.close(), () => engine.stop(), () => source.close());
    return { store, relay, readModels, engine, publisher, startPublisher };
  };

  const logActivities = async (store: ReturnType<typeof openSqliteEventStore>, deals: Record<string, string>, times: number, from = 0) => {
    for (let i = from; i < from + times; i++) {
      for (const [deal, team] of Object.entries(deals)) await store.append(dealStream(deal), [activityLogged(deal, team)], { expectedRevision: i === 0 ? 'no_stream' : i - 1 });
    }
  };

  it('command → store → relay → Kafka → projection → read models → MetricChanged on its topic, dead letters on theirs, and a Nest downstream consumer', async () => {
    const { store, engine, readModels, publisher } = await system(true);
    await publisher!.ready;
    const downstream: MetricChanged[] = [];
    const microservice = await startSampleDownstreamConsumer({ kafka: kafka.options, groupId: `${namespace}-downstream`, topic: kafka.topics.metricsChanged, maxWaitTimeInMs: 250, onMetricChanged: (c) => void downstream.push(c) });
    stops.push(() => microservice.close());

    await logActivities(store, { a: 'north', b: 'north', c: 'south' }, 3);
    const poison = { ...activityLogged('z'), data: { dealId: 'z' } };
    await store.append(dealStream('z'), [poison], { expectedRevision: 'no_stream' });

    await waitFor(() => engine.core.counters.eventsApplied === 9 && engine.core.counters.deadLettered === 1, 20_000, 'the projection to apply 9 events and dead-letter 1');
    await engine.settle(10_000);
    const history = await readModels.changesAfter(0, 10_000);
    const published = await readTopic(kafka.kafka, kafka.topics.metricsChanged, (m) => m.length >= history.length);
    const letters = await readTopic(kafka.kafka, kafka.topics.deadLetter, (m) => m.length >= 1);

    expect(published).toHaveLength(history.length);
    for (const { message } of published) {
      const change = MetricChanged.parse(json(message));
      expect(message.key?.toString()).toBe(metricChangedKey(change));
      expect(json(message)).not.toHaveProperty('seq');
    }
    expectChain(published, PROBE_ORG_KEY, 9);
    expectChain(published, `${probeMetric.id}|team:south|2026-11`, 3);
    expect(published.map((p) => Number(header(p.message, 'seq'))).sort((x, y) => x - y)).toEqual(history.map((h) => h.seq));
    expect(letters).toHaveLength(1);
    expect(json(letters[0].message)).toMatchObject({ source: 'deals', eventId: poison.id, streamId: dealStream('z'), reason: expect.stringMatching(/^invalid event/) });

    await waitFor(() => downstream.some((c) => metricChangedKey(c) === PROBE_ORG_KEY && c.value === 9), 20_000, 'the Nest downstream consumer to see the final value');
    expect(downstream.find((c) => metricChangedKey(c) === `${probeMetric.id}|team:south|2026-11` && c.value === 3)).toBeDefined();
  });

  it('outbox: changes committed while nothing publishes are sent later, and a restarted publisher resumes after its checkpoint', async () => {
    const { store, engine, readModels, startPublisher } = await system(false);
    await logActivities(store, { a: 'north' }, 4);
    await waitFor(() => engine.core.counters.eventsApplied === 4, 20_000, 'the projection to apply 4 events');
    await engine.settle(10_000);

    const first = startPublisher();
    const committed = (await readModels.changesAfter(0, 10_000)).length;
    await waitFor(() => first.status().seq === committed, 15_000, 'the late publisher to drain the outbox');
    await first.stop();

    await logActivities(store, { a: 'north' }, 2, 4);
    await waitFor(() => engine.core.counters.eventsApplied === 6, 20_000, 'the projection to apply 2 more events');
    await engine.settle(10_000);
    const all = (await readModels.changesAfter(0, 10_000)).length;
    const second = startPublisher();
    await waitFor(() => second.status().seq === all, 15_000, 'the restarted publisher to catch up');

    const published = await readTopic(kafka.kafka, kafka.topics.metricsChanged, (m) => m.length >= all);
    expect(second.status()).toMatchObject({ published: all - committed, invalid: 0, lastError: null });
    expect(published).toHaveLength(all);
    expectChain(published, PROBE_ORG_KEY, 6);
  });
});
