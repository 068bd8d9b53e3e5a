import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { MetricChanged } from '@quotient/contracts';
import { kafkaTopics } from '@quotient/infra-kafka';
import { Kafka, logLevel } from 'kafkajs';
import { nodeFlagsOf, spawnService } from './support/children';
import { noteCauses, sendWinsAtRate, waitForHealth } from './support/freshness-run';
import { seedOpenDeals } from './support/freshness-seed';
import { deleteBenchTopics } from './support/kafka-cleanup';
import { note, percentile, report, sleep, tempDir } from './support/report';

/**
 * kafka-freshness-p99: from a command accepted over HTTP to its MetricChanged read from
 * `quotient.metrics.changed.v1` by a separate consumer, with the system deployed as
 * `npm run start:kafka` runs it (KAFKA_BROKERS): the four command services and the projection
 * built, each in its own process (the build must exist: `npm run bench` builds first); relay →
 * topic → projection consumer group → outbox → topic. This process sends deal wins — each deal
 * owned by one of 40 reps — at a steady 200/s and is the downstream consumer: it matches each win
 * to the first `avg_deal_size` change (the `metric` header; that metric changes with every win,
 * in the same batch as every other metric) whose causedBy or alsoCausedBy names the win's stream and revision.
 * The first 3 s at the same rate warm the processes up and are not counted, as in freshness-p99.
 * A win whose event shares a projection batch with more than 16 later wins of the same rep is not
 * named any more (alsoCausedBy keeps the latest 16): those would be counted as unmatched.
 */
const RATE = 200;
const SECONDS = 15;
const WARM_UP_SECONDS = 3;
const REPS = 40;
const DIST = resolve(__dirname, '../apps');
const SERVICES = [
  { app: 'deals-service', port: 'DEALS_PORT', url: 'DEALS_URL', offset: 1 },
  { app: 'customers-service', port: 'CUSTOMERS_PORT', url: 'CUSTOMERS_URL', offset: 2 },
  { app: 'costs-service', port: 'COSTS_PORT', url: 'COSTS_URL', offset: 3 },
  { app: 'training-service', port: 'TRAINING_PORT', url: 'TRAINING_URL', offset: 4 },
];

interface Status {
  readonly eventsApplied: number;
  readonly lag: number;
}

const statusOf = async (url: string): Promise<Status | null> =>
  fetch(`${url}/projection/status`).then(
    (response) => (response.ok ? (response.json() as Promise<Status>) : null),
    () => null,
  );

/** Until the projection has applied `events` events and reports no lag. */
const settle = async (projectionUrl: string, events: number, timeoutMs: number) => {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(50)) {
    const status = await statusOf(projectionUrl);
    if (status && status.eventsApplied >= events && status.lag === 0) return;
  }
  throw new Error(`the projection did not apply ${events} events in ${timeoutMs / 1000} s: ${JSON.stringify(await statusOf(projectionUrl))}`);
};

const main = async () => {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: start the broker with `npm run kafka:start` and export the variable it prints');
  const dataDir = tempDir('kafka-freshness');
  const namespace = `fresh${Date.now().toString(36)}`;
  const deals = await seedOpenDeals(dataDir, RATE * (WARM_UP_SECONDS + SECONDS), REPS);
  note(`${deals.length} open deals of ${REPS} reps seeded`);
  const base = 42_000 + Math.floor(Math.random() * 900);
  const urls = Object.fromEntries(SERVICES.map((s) => [s.url, `http://127.0.0.1:${base + s.offset}`]));
  const env = { ...process.env, ...urls, DATA_DIR: dataDir, LOG_LEVEL: 'silent', KAFKA_BROKERS: brokers, KAFKA_TOPIC_NAMESPACE: namespace };
  const processes = [
    ...SERVICES.map((s) => spawnService([...nodeFlagsOf(s.app.replace(/-service$/, '')), join(DIST, s.app, 'src/main.js')], { env: { ...env, [s.port]: String(base + s.offset) }, stdio: 'ignore' })),
    spawnService([...nodeFlagsOf('projection'), join(DIST, 'projection-service/src/main.js')], { env: { ...env, PROJECTION_PORT: String(base) }, stdio: 'ignore' }),
  ];
  const projectionUrl = `http://127.0.0.1:${base}`;
  const dealsUrl = urls.DEALS_URL;
  const kafka = new Kafka({ brokers: brokers.split(','), clientId: `${namespace}-reader`, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `${namespace}-downstream`, maxWaitTimeInMs: 50 });
  try {
    for (const url of Object.values(urls)) await waitForHealth(url);
    await waitForHealth(projectionUrl);
    await settle(projectionUrl, deals.length, 180_000);
    const firstSeen = new Map<string, number>();
    await consumer.connect();
    await consumer.subscribe({ topic: kafkaTopics(namespace).metricsChanged, fromBeginning: false });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (message.headers?.metric?.toString() !== 'avg_deal_size') return;
        const seenAt = performance.now();
        noteCauses(firstSeen, JSON.parse(message.value!.toString()) as MetricChanged, seenAt);
      },
    });
    await sleep(3000);
    note('system started in Kafka mode (separate processes), projection caught up, downstream consumer listening');
    const { sent, seconds: sendSeconds } = await sendWinsAtRate(dealsUrl, deals, RATE);
    const measured = sent.slice(RATE * WARM_UP_SECONDS);
    const deadline = performance.now() + 60_000;
    while (measured.some((c) => !firstSeen.has(c.key)) && performance.now() < deadline) {
      const status = await statusOf(projectionUrl);
      // Everything applied and published: what is still unmatched will not be named.
      if (status && status.eventsApplied >= 2 * deals.length && status.lag === 0 && performance.now() - Math.max(...firstSeen.values()) > 2000) break;
      await sleep(100);
    }
    const matched = measured.filter((c) => firstSeen.has(c.key));
    const fromSend = matched.map((c) => firstSeen.get(c.key)! - c.at);
    const answerTimes = measured.map((c) => c.answeredAt - c.at);
    note(`${sent.length} commands in ${sendSeconds.toFixed(1)} s (${Math.round(sent.length / sendSeconds)}/s), the last ${measured.length} measured; ${matched.length} matched to a MetricChanged on the topic`);
    note(`commands answered after p50 ${Math.round(percentile(answerTimes, 50))} ms, p99 ${Math.round(percentile(answerTimes, 99))} ms`);
    report('kafka-freshness-p50', percentile(fromSend, 50), 'ms');
    report('kafka-freshness-p99', percentile(fromSend, 99), 'ms');
    report('kafka-freshness-unmatched', measured.length - matched.length, 'commands');
  } finally {
    await consumer.disconnect().catch(() => undefined);
    for (const child of processes) child.kill('SIGTERM');
    await sleep(1000);
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
