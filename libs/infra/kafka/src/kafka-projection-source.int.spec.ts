import type { SubscriptionHandle } from '@quotient/eventsourcing';
import type { EventEnvelope } from '@quotient/kernel';
import type { DeadLetter, ProjectionCore } from '@quotient/projection';
import { describeWithServer } from '@quotient/test-servers';
import { Partitioners, Producer } from 'kafkajs';
import { ensureTopics, KafkaClient } from './kafka-config';
import { envelopeMessage } from './kafka-envelope';
import { kafkaProjectionSource, KafkaProjectionSource } from './kafka-projection-source';
import { activityLogged, CONSUMER, dealStream, newCore, probeValue, runId, testKafka, waitFor } from './testing/kafka-test-kit';

/** Envelopes as a relay would publish them: `perDeal` revisions of each deal, positions in commit order. */
const envelopes = (deals: readonly string[], perDeal: number): EventEnvelope[] => {
  const out: EventEnvelope[] = [];
  for (let revision = 0; revision < perDeal; revision++) {
    for (const deal of deals) {
      const event = activityLogged(deal);
      out.push({ ...event, streamId: dealStream(deal), revision, position: out.length + 1, recordedAt: event.occurredAt });
    }
  }
  return out;
};

describeWithServer('kafka', 'Kafka projection source (real broker)', (url) => {
  let namespace: string;
  let kafka: KafkaClient;
  let producer: Producer;
  let topic: string;
  const cleanup: Array<() => Promise<void>> = [];

  const member = (groupId: string, core: ProjectionCore, extra: { onMalformed?: (l: DeadLetter) => Promise<void>; onBatch?: (e: readonly EventEnvelope[]) => Promise<void> } = {}) => {
    const source = kafkaProjectionSource({ kafka, context: 'deals', groupId, consumer: CONSUMER, onMalformed: extra.onMalformed });
    const handle: SubscriptionHandle = source.subscription.subscribe({
      after: 0,
      batchSize: 7,
      onBatch: extra.onBatch ?? (async (events) => void core.applyBatch('deals', events)),
    });
    cleanup.push(async () => (await handle.stop(), await source.close()));
    return { source, handle };
  };

  beforeEach(async () => {
    namespace = runId();
    kafka = testKafka(url(), namespace);
    topic = kafka.topics.events('deals');
    const admin = kafka.kafka.admin();
    await admin.connect();
    await ensureTopics(admin, [topic], 4);
    await admin.disconnect();
    producer = kafka.kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
  });
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
    await producer.disconnect();
  });

  it('two members of one group share the partitions and together apply every event exactly once', async () => {
    const [a, b] = [newCore(), newCore()];
    const groupId = `${namespace}-projection`;
    const first = member(groupId, a);
    await waitFor(() => first.source.assignment().length === 4, 15_000, 'the first member to own all partitions');
    const second = member(groupId, b);
    await waitFor(() => first.source.assignment().length === 2 && second.source.assignment().length === 2, 20_000, 'the group to rebalance 2 + 2');

    const sent = envelopes(Array.from({ length: 12 }, (_, i) => `d${i}`), 5);
    await producer.send({ topic, messages: sent.map(envelopeMessage), acks: -1 });
    await waitFor(() => a.counters.eventsApplied + b.counters.eventsApplied === 60, 20_000, 'all 60 events');
    await waitFor(async () => (await first.source.lag()) === 0 && (await second.source.lag()) === 0, 10_000, 'both members to commit');

    expect([a.counters.duplicatesSkipped, b.counters.duplicatesSkipped]).toEqual([0, 0]);
    expect(a.counters.eventsApplied).toBeGreaterThan(0);
    expect(b.counters.eventsApplied).toBeGreaterThan(0);
    const streamsA = [...a.streams.keys()];
    const streamsB = [...b.streams.keys()];
    expect(streamsA.filter((s) => b.streams.has(s))).toEqual([]);
    expect(new Set([...streamsA, ...streamsB]).size).toBe(12);
    expect([...a.streams.values(), ...b.streams.values()].every((revision) => revision === 4)).toBe(true);
    expect((probeValue(a) ?? 0) + (probeValue(b) ?? 0)).toBe(60);
    expect([...first.source.assignment(), ...second.source.assignment()].sort()).toEqual([0, 1, 2, 3]);
  });

  it('skips duplicated deliveries by revision and dead-letters a message that is no envelope, committing past both', async () => {
    const core = newCore();
    const letters: DeadLetter[] = [];
    const sent = envelopes(['x', 'y', 'z'], 4);
    await producer.send({ topic, messages: sent.map(envelopeMessage) });
    await producer.send({ topic, messages: [{ key: dealStream('x'), value: '{not json', headers: { type: 'deals.ActivityLogged', eventId: 'e-bad' } }] });
    await producer.send({ topic, messages: [...sent.slice(0, 6), ...sent].map(envelopeMessage) });
    const { source } = member(`${namespace}-projection`, core, { onMalformed: async (letter) => void letters.push(letter) });
    await waitFor(() => core.counters.eventsApplied + core.counters.duplicatesSkipped === 30 && letters.length === 1, 20_000, '30 deliveries and a dead letter');
    await waitFor(async () => (await source.lag()) === 0, 10_000, 'every offset committed');

    expect(core.counters).toMatchObject({ eventsApplied: 12, duplicatesSkipped: 18, deadLettered: 0 });
    expect(probeValue(core)).toBe(12);
    expect(letters[0]).toMatchObject({ source: 'deals', eventId: 'e-bad', streamId: dealStream('x'), type: 'deals.ActivityLogged', reason: expect.stringMatching(/not JSON/) });
  });

  it('commits offsets only after the batch is written: a failed batch is delivered again, and nothing is committed meanwhile', async () => {
    const core = newCore();
    const sent = envelopes(['p', 'q'], 3);
    await producer.send({ topic, messages: sent.map(envelopeMessage) });
    const groupId = `${namespace}-projection`;
    let attempts = 0;
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const { source } = member(groupId, core, {
      onBatch: async (events) => {
        attempts++;
        if (attempts === 1) throw new TypeError('read-model store unavailable');
        if (attempts === 2) await gate;
        core.applyBatch('deals', events);
      },
    });
    await waitFor(() => attempts === 2, 20_000, 'the batch to be delivered again after the failure');
    const admin = kafka.kafka.admin();
    await admin.connect();
    expect(source.groupId).toBe(`${groupId}.deals`);
    const committed = async () => (await admin.fetchOffsets({ groupId: source.groupId, topics: [topic] }))[0].partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
    expect(await committed()).toBe(0);
    openGate();
    await waitFor(() => core.counters.eventsApplied === 6, 20_000, 'all 6 events');
    await waitFor(async () => (await committed()) === 6, 10_000, 'the offsets of all 6 messages to be committed');
    await admin.disconnect();
    expect(await source.lag()).toBe(0);
    expect(core.counters.duplicatesSkipped).toBe(0);
  });

  it('reads asOf history from the owning service, never from Kafka', async () => {
    const source: KafkaProjectionSource = kafkaProjectionSource({ kafka, context: 'deals', groupId: 'unused' });
    await expect(source.readAll(1, 10, '2026-01-01T00:00:00Z')).rejects.toThrow(/asOf reads need the deals service's own log/);
    const history = envelopes(['h'], 2);
    const withHistory = kafkaProjectionSource({ kafka, context: 'deals', groupId: 'unused', history: { readAll: async (from) => history.filter((e) => e.position >= from) } });
    expect((await withHistory.readAll(2, 10)).map((e) => e.position)).toEqual([2]);
  });
});
