import type { CheckpointStore } from '@quotient/eventsourcing';
import { openSqliteEventStore, SqliteCheckpointStore, SqliteEventStore, sqliteSubscription } from '@quotient/infra-sqlite';
import { describeWithServer } from '@quotient/test-servers';
import { RELAY_CHECKPOINT, startEventRelay } from './event-relay';
import type { KafkaClient } from './kafka-config';
import { kafkaProjectionSource } from './kafka-projection-source';
import { activityLogged, CONSUMER, dealStream, FAST_BACKOFF, header, json, newCore, probeValue, readTopic, runId, testKafka, waitFor } from './testing/kafka-test-kit';

const appendActivities = async (store: SqliteEventStore, deals: readonly string[], perDeal: number) => {
  for (let i = 0; i < perDeal; i++) {
    for (const deal of deals) await store.append(dealStream(deal), [activityLogged(deal)], { expectedRevision: i === 0 ? 'no_stream' : i - 1 });
  }
};

const relayOf = (store: SqliteEventStore, kafka: KafkaClient, checkpoints: CheckpointStore = new SqliteCheckpointStore(store.db)) =>
  startEventRelay({ store, checkpoints, subscription: sqliteSubscription(store, ':memory:', 20), kafka, context: 'deals', backoff: FAST_BACKOFF });

describeWithServer('kafka', 'Kafka event relay (real broker)', (url) => {
  let namespace: string;
  let kafka: KafkaClient;
  let store: SqliteEventStore;

  beforeEach(() => {
    namespace = runId();
    kafka = testKafka(url(), namespace);
    store = openSqliteEventStore(':memory:');
  });
  afterEach(() => store.close());

  it('publishes committed events in order per stream, keyed by stream id, with headers, checkpointing after the ack', async () => {
    const deals = ['a', 'b', 'c', 'd', 'e', 'f'];
    await appendActivities(store, deals, 5);
    const relay = relayOf(store, kafka);
    await waitFor(async () => (await relay.status()).position === 30, 15_000, 'the relay to publish 30 events');
    const status = await relay.status();
    await relay.stop();

    expect(status).toMatchObject({ topic: `${namespace}.quotient.deals.events.v1`, position: 30, lastPosition: 30, published: 30, connected: true, lastError: null });
    expect(await new SqliteCheckpointStore(store.db).load(RELAY_CHECKPOINT)).toBe(30);
    const read = await readTopic(kafka.kafka, status.topic, (m) => m.length >= 30);
    expect(read).toHaveLength(30);
    for (const deal of deals) {
      const ofStream = read.filter((r) => r.message.key?.toString() === dealStream(deal));
      expect(ofStream.map((r) => json(r.message).revision)).toEqual([0, 1, 2, 3, 4]);
      expect(new Set(ofStream.map((r) => r.partition)).size).toBe(1);
    }
    const stored = await store.readAll({ fromPosition: 1, limit: 100 });
    const first = read.find((r) => json(r.message).position === 1)!.message;
    expect(json(first)).toEqual(stored[0]);
    expect({ type: header(first, 'type'), schemaVersion: header(first, 'schemaVersion'), eventId: header(first, 'eventId') }).toEqual({
      type: 'deals.ActivityLogged',
      schemaVersion: '1',
      eventId: stored[0].id,
    });
    expect(new Set(read.map((r) => r.partition)).size).toBeGreaterThan(1);
  });

  it('follows new commits, and after a crash before its checkpoint re-sends from the checkpoint; the projection skips the duplicates by revision', async () => {
    const checkpoints = new SqliteCheckpointStore(store.db);
    await appendActivities(store, ['a', 'b'], 5);
    const first = relayOf(store, kafka, checkpoints);
    await waitFor(async () => (await first.status()).position === 10, 15_000, 'the first 10 events');
    await first.stop();

    // The next relay "crashes" after every send, before its checkpoint is saved.
    const crashing = relayOf(store, kafka, { load: (name) => checkpoints.load(name), save: async () => undefined });
    await crashing.ready;
    await appendActivities(store, ['c', 'd'], 5);
    await waitFor(async () => (await crashing.status()).published === 10, 15_000, 'the crashing relay to send 10 events');
    await crashing.stop();
    expect(await checkpoints.load(RELAY_CHECKPOINT)).toBe(10);

    const resumed = relayOf(store, kafka, checkpoints);
    await waitFor(async () => (await resumed.status()).position === 20, 15_000, 'the resumed relay to catch up');
    expect((await resumed.status()).published).toBe(10);
    await resumed.stop();

    const core = newCore();
    const source = kafkaProjectionSource({ kafka, context: 'deals', groupId: `${namespace}-projection`, consumer: CONSUMER });
    const handle = source.subscription.subscribe({ after: 0, onBatch: async (events) => void core.applyBatch('deals', events) });
    await waitFor(() => core.counters.eventsApplied + core.counters.duplicatesSkipped === 30, 20_000, '30 deliveries');
    await handle.stop();
    await source.close();

    expect(core.counters).toMatchObject({ eventsApplied: 20, duplicatesSkipped: 10, deadLettered: 0 });
    expect(Object.fromEntries(core.streams)).toEqual(Object.fromEntries(['a', 'b', 'c', 'd'].map((d) => [dealStream(d), 4])));
    expect(probeValue(core)).toBe(20);
  });

  it('splits a batch the broker finds too large, keeping each stream in order', async () => {
    const topic = kafka.topics.events('deals');
    const admin = kafka.kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, configEntries: [{ name: 'max.message.bytes', value: '3000' }] }], waitForLeaders: false });
    await admin.disconnect();
    await appendActivities(store, ['a', 'b', 'c'], 6);
    const relay = relayOf(store, kafka);
    await waitFor(async () => (await relay.status()).position === 18, 20_000, 'the relay to publish 18 events in smaller pieces');
    await relay.stop();
    const read = await readTopic(kafka.kafka, topic, (m) => m.length >= 18);
    expect(read.map((r) => json(r.message).position)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
  });
});
