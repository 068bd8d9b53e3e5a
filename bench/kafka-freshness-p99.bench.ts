import 'reflect-metadata';
import { rmSync } from 'node:fs';
import { costsService } from '@quotient/costs-api';
import { customersService } from '@quotient/customers-api';
import { dealsService } from '@quotient/deals-api';
import { type RunningCommandService, startCommandService, startProjectionService } from '@quotient/runtime';
import { trainingService } from '@quotient/training-api';
import { kafkaTopics } from '@quotient/infra-kafka';
import { Kafka, logLevel } from 'kafkajs';
import { seedOpenDeals } from './support/freshness-seed';
import { deleteBenchTopics } from './support/kafka-cleanup';
import { note, percentile, report, sleep, tempDir } from './support/report';

/**
 * kafka-freshness-p99: from a command accepted over HTTP to its MetricChanged read from
 * `quotient.metrics.changed.v1` by a separate consumer, with the whole system in Kafka mode
 * (KAFKA_BROKERS): relay → topic → projection consumer group → outbox → topic. Deal wins at a
 * steady 200/s for 15 s, matched by causedBy.streamId + revision.
 */
const RATE = 200;
const SECONDS = 15;

const main = async () => {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: start the broker with `npm run kafka:start` and export the variable it prints');
  const dataDir = tempDir('kafka-freshness');
  const namespace = `fresh${Date.now().toString(36)}`;
  const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', KAFKA_TOPIC_NAMESPACE: namespace };
  const deals = await seedOpenDeals(dataDir, RATE * SECONDS, 40);
  const services: RunningCommandService[] = [];
  for (const definition of [dealsService, customersService, costsService, trainingService]) {
    services.push(await startCommandService(definition, { ...env, [definition.portVariable]: '0' }));
  }
  const projection = await startProjectionService({ ...env, PROJECTION_PORT: '0', DEALS_URL: services[0].url });
  const kafka = new Kafka({ brokers: brokers.split(','), clientId: `${namespace}-reader`, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `${namespace}-downstream`, maxWaitTimeInMs: 50 });
  const firstSeen = new Map<string, number>();
  try {
    await projection.projection.engine.settle(120_000);
    await consumer.connect();
    await consumer.subscribe({ topic: kafkaTopics(namespace).metricsChanged, fromBeginning: false });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const change = JSON.parse(message.value!.toString()) as { causedBy: { streamId: string; revision: number } };
        const key = `${change.causedBy.streamId}#${change.causedBy.revision}`;
        if (!firstSeen.has(key)) firstSeen.set(key, performance.now());
      },
    });
    await sleep(3000);
    note('system started in Kafka mode, downstream consumer listening');
    const sent: Array<{ key: Promise<string>; at: number }> = [];
    const started = performance.now();
    for (let i = 0; i < deals.length; i++) {
      const due = started + (i * 1000) / RATE;
      if (due > performance.now()) await sleep(due - performance.now());
      const at = performance.now();
      const key = fetch(`${services[0].url}/deals/${deals[i].dealId}/win`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then(async (response) => {
        const body = (await response.json()) as { revision?: number };
        if (!response.ok) throw new Error(`win answered ${response.status}`);
        return `deals.deal-${deals[i].dealId}#${body.revision}`;
      });
      sent.push({ key, at });
    }
    const keys = await Promise.all(sent.map((s) => s.key));
    const deadline = performance.now() + 60_000;
    while (keys.some((k) => !firstSeen.has(k)) && performance.now() < deadline) await sleep(100);
    const latencies = keys.flatMap((key, i) => (firstSeen.has(key) ? [firstSeen.get(key)! - sent[i].at] : []));
    note(`${sent.length} commands, ${latencies.length} matched to a MetricChanged on the topic`);
    report('kafka-freshness-p50', percentile(latencies, 50), 'ms');
    report('kafka-freshness-p99', percentile(latencies, 99), 'ms');
  } finally {
    await consumer.disconnect();
    await projection.stop();
    for (const service of services) await service.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await deleteBenchTopics(brokers.split(','), namespace);
  }
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`kafka-freshness-p99 failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
