import { createServer } from 'node:net';
import { pollingSubscription } from '@quotient/eventsourcing';
import { openSqliteEventStore, SqliteCheckpointStore } from '@quotient/infra-sqlite';
import { startEventRelay } from './event-relay';
import { kafkaTopics, readKafkaOptions } from './kafka-config';
import { logLevel } from 'kafkajs';
import { describeFailure, isRetriedNoise, quietLogCreator } from './kafka-logging';
import { kafkaProjectionSource } from './kafka-projection-source';
import { collectingLogger, testKafka, waitFor } from './testing/kafka-test-kit';

/** A port nothing listens on: bound, read, released. */
const deadPort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
};

describe('Kafka configuration', () => {
  it('reads brokers, client id and partitions from the environment, with defaults', () => {
    expect(readKafkaOptions({ KAFKA_BROKERS: '127.0.0.1:9092, kafka-2:9093' })).toEqual({
      brokers: ['127.0.0.1:9092', 'kafka-2:9093'],
      clientId: 'quotient',
      partitions: 4,
      replicationFactor: 1,
      topicNamespace: '',
    });
    expect(readKafkaOptions({ KAFKA_BROKERS: 'k:1', KAFKA_PARTITIONS: '12', KAFKA_CLIENT_ID: 'deals' })).toMatchObject({ partitions: 12, clientId: 'deals' });
  });

  it('names every bad variable in one clear message', () => {
    expect(() => readKafkaOptions({ KAFKA_BROKERS: 'no-port', KAFKA_PARTITIONS: '0' })).toThrow(/KAFKA_BROKERS="no-port": expected host:port[\s\S]*KAFKA_PARTITIONS="0"/);
    expect(() => readKafkaOptions({})).toThrow(/KAFKA_BROKERS="": required when Kafka is the transport/);
  });

  it('names the topics of the published language, optionally under a namespace', () => {
    expect(kafkaTopics().events('deals')).toBe('quotient.deals.events.v1');
    expect(kafkaTopics().metricsChanged).toBe('quotient.metrics.changed.v1');
    expect(kafkaTopics('t1').deadLetter).toBe('t1.quotient.deadletter.v1');
  });

  it('says plainly that a broker is unreachable, and treats kafkajs connection chatter as noise', () => {
    const refused = Object.assign(new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092'), { name: 'KafkaJSConnectionError' });
    const exceeded = Object.assign(new Error(refused.message), { name: 'KafkaJSNumberOfRetriesExceeded', cause: refused });
    expect(describeFailure('relay', exceeded, ['127.0.0.1:9092'], 2000)).toBe('Kafka at 127.0.0.1:9092 is not reachable; retrying in 2s');
    expect(describeFailure('relay', new Error('disk full'), ['k:1'], 500)).toBe('relay failed: disk full; retrying in 0.5s');
    expect(isRetriedNoise('Connection', 'Connection error: connect ECONNREFUSED')).toBe(true);
    expect(isRetriedNoise('Consumer', 'Crash: KafkaJSNumberOfRetriesExceeded: Connection error')).toBe(true);
    expect(isRetriedNoise('Admin', 'Topic creation errors')).toBe(false);
  });

  it('routes kafkajs logging into the structured logger: no stack traces, retried noise and info chatter at debug', () => {
    const logger = collectingLogger();
    const log = quietLogCreator(logger)(logLevel.INFO);
    const entry = (level: logLevel, namespace: string, message: string) => log({ namespace, level, label: '', log: { timestamp: 'now', message, stack: 'Error: …', broker: 'b:1' } });
    entry(logLevel.ERROR, 'Connection', 'Connection error: connect ECONNREFUSED 127.0.0.1:9092');
    entry(logLevel.INFO, 'Consumer', 'Starting');
    entry(logLevel.ERROR, 'Admin', 'Topic creation errors');
    entry(logLevel.WARN, 'Cluster', 'something odd');
    expect(logger.lines.map((l) => [l.level, l.message])).toEqual([
      ['debug', 'Connection error: connect ECONNREFUSED 127.0.0.1:9092'],
      ['debug', 'Starting'],
      ['error', 'Topic creation errors'],
      ['warn', 'something odd'],
    ]);
    expect(logger.lines[2].fields).toEqual({ kafkajs: 'Admin', broker: 'b:1' });
  });
});

describe('Kafka down at start-up', () => {
  it('relay and projection source log one clear line per attempt, without stack traces, and keep retrying', async () => {
    const logger = collectingLogger();
    const client = testKafka(`127.0.0.1:${await deadPort()}`, 'down', logger, { retries: 1, initialRetryTime: 50 });
    const store = openSqliteEventStore(':memory:');
    const relay = startEventRelay({ store, checkpoints: new SqliteCheckpointStore(store.db), subscription: pollingSubscription(store), kafka: client, context: 'deals', backoff: { initialMs: 100, maxMs: 200 } });
    const source = kafkaProjectionSource({ kafka: client, context: 'deals', groupId: 'g', backoff: { initialMs: 100, maxMs: 200 } });
    const handle = source.subscription.subscribe({ after: 0, onBatch: async () => undefined });
    const unreachable = () => logger.lines.filter((l) => l.level === 'warn' && / is not reachable; retrying in /.test(l.message));
    await waitFor(() => unreachable().length >= 6, 15_000, 'several retry lines');
    await relay.stop();
    const status = await relay.status();
    await handle.stop();
    await source.close();
    await store.close();

    expect(unreachable()[0].message).toMatch(/^Kafka at 127\.0\.0\.1:\d+ is not reachable; retrying in 0\.1s$/);
    expect(new Set(unreachable().map((l) => l.fields.component))).toEqual(new Set(['kafka-relay', 'kafka-projection-source']));
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
    expect(logger.lines.some((l) => 'stack' in l.fields)).toBe(false);
    expect(status).toMatchObject({ connected: false, published: 0, position: 0, lastError: expect.stringMatching(/ECONNREFUSED/) });
  });
});
