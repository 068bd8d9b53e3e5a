import 'reflect-metadata';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONTEXTS } from '@quotient/contracts';
import { createKafka, startEventRelay } from '@quotient/infra-kafka';
import { openSqliteEventStore, SqliteCheckpointStore, sqliteSubscription } from '@quotient/infra-sqlite';
import type { EventEnvelope } from '@quotient/kernel';
import { sourceOf, testHistory } from '@quotient/projection/testing';
import pino from 'pino';
import { deleteBenchTopics } from './support/kafka-cleanup';
import { nodeFlagsOf, spawnService } from './support/children';
import { note, percentile, report, sleep, tempDir } from './support/report';

/**
 * kafka-throughput: events/s from the first append to the last read-model write, through the
 * real broker (KAFKA_BROKERS). As `npm run start:kafka` deploys it: the relays run beside the
 * four SQLite stores (here, in this process, which appends as fast as it can; relay batches of the
 * default size), the projection service runs in its own process (built; `npm run bench` builds
 * first) consuming the four topics into its SQLite read model; the end is when its
 * /projection/status counts every event applied.
 * KAFKA_BENCH_COPIES scales the history (default 1,000 copies of a ~68-event cross-context
 * history ≈ 68,000 events); KAFKA_BENCH_ROUNDS (default 3) rounds, each on fresh topics with a
 * fresh projection process, and the median is the figure. Each round also prints the CPU time
 * spent in its window by this process (appends and relays), the projection process and the
 * broker — on two cores, their sum is what bounds the figure.
 */
const brokers = process.env.KAFKA_BROKERS;
const copies = Number(process.env.KAFKA_BENCH_COPIES ?? 1000);
/** Rounds run one after the other; the median is reported (single runs vary by ±15 % on this shared machine). */
const ROUNDS = Number(process.env.KAFKA_BENCH_ROUNDS ?? 3);
/**
 * A first round that is printed but not counted: a broker just started (as `npm run bench`
 * starts it) spends its first seconds compiling (JIT), measured at 2.5 s of broker CPU in a
 * first round against 0.6–0.8 s in the next ones.
 */
const WARMUP_ROUNDS = Number(process.env.KAFKA_BENCH_WARMUP_ROUNDS ?? 1);
const PROJECTION = resolve(__dirname, '../apps/projection-service/src/main.js');

interface Status {
  readonly eventsApplied: number;
  readonly timings: { readonly foldMs: number; readonly evaluateMs: number; readonly writeMs: number; readonly commits: number };
}

const statusOf = async (url: string): Promise<Status | null> => {
  try {
    const response = await fetch(`${url}/projection/status`);
    return response.ok ? ((await response.json()) as Status) : null;
  } catch {
    return null;
  }
};

const eventsApplied = async (url: string): Promise<number> => (await statusOf(url))?.eventsApplied ?? -1;

/** CPU time (user + system, ms) of a process so far, from /proc (Linux); NaN elsewhere. */
const cpuMsOf = (pid: number | undefined): number => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in ticks of 1/100 s
  } catch {
    return Number.NaN;
  }
};

/** The broker's JVM, if it is the one infra/kafka started (its pid file), for the CPU split. */
const brokerPid = (): number | undefined => {
  try {
    const infra = resolve(__dirname, '../..', process.env.QUOTIENT_INFRA_DIR ?? '.infra');
    return Number(readFileSync(join(infra, 'kafka', 'kafka.pid'), 'utf8').trim()) || undefined;
  } catch {
    return undefined;
  }
};

interface Round {
  readonly eventsPerSecond: number;
  readonly line: string;
}

const round = async (label: string, history: readonly EventEnvelope[]): Promise<Round> => {
  const dir = tempDir('kafka-throughput');
  const namespace = `bench${Date.now().toString(36)}${label.replace(/[^a-z0-9]/g, '')}`;
  const logger = pino({ level: 'warn' });
  const kafka = createKafka({ brokers: brokers!.split(','), clientId: namespace, partitions: 4, replicationFactor: 1, topicNamespace: namespace }, logger);
  const stores = CONTEXTS.map((context) => ({ context, path: join(dir, `${context}.db`) })).map(({ context, path }) => ({ context, path, store: openSqliteEventStore(path) }));
  const relays = stores.map(({ context, path, store }) =>
    startEventRelay({ store, checkpoints: new SqliteCheckpointStore(store.db), subscription: sqliteSubscription(store, path, 50), kafka, context }),
  );
  const port = 42_000 + Math.floor(Math.random() * 900);
  const url = `http://127.0.0.1:${port}`;
  const projection = spawnService([...nodeFlagsOf('projection'), PROJECTION], {
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
    const broker = brokerPid();
    const cpuBefore = { self: process.cpuUsage(), projection: cpuMsOf(projection.pid), broker: cpuMsOf(broker) };
    const timingsBefore = (await statusOf(url))!.timings;
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
    const self = process.cpuUsage(cpuBefore.self);
    const cpu = [
      `appends + relays ${((self.user + self.system) / 1e6).toFixed(1)} s`,
      `projection ${((cpuMsOf(projection.pid) - cpuBefore.projection) / 1000).toFixed(1)} s`,
      `broker ${((cpuMsOf(broker) - cpuBefore.broker) / 1000).toFixed(1)} s`,
    ].join(', ');
    const { timings } = (await statusOf(url))!;
    const ms = (key: 'foldMs' | 'evaluateMs' | 'writeMs') => `${((timings[key] - timingsBefore[key]) / 1000).toFixed(1)} s`;
    const engine = `projection engine: folding ${ms('foldMs')}, evaluating ${ms('evaluateMs')}, writing ${ms('writeMs')} in ${timings.commits - timingsBefore.commits} commits`;
    const eventsPerSecond = history.length / seconds;
    return {
      eventsPerSecond,
      line: `${label}: ${Math.round(eventsPerSecond).toLocaleString('en-US')} events/s — appended in ${((appended - started) / 1000).toFixed(1)} s, relayed and projected in ${seconds.toFixed(1)} s; CPU ${cpu}; ${engine}`,
    };
  } finally {
    const exited = new Promise((r) => projection.once('exit', r));
    projection.kill('SIGTERM');
    await exited;
    for (const relay of relays) await relay.stop();
    for (const { store } of stores) await store.close();
    rmSync(dir, { recursive: true, force: true });
    await deleteBenchTopics(brokers!.split(','), namespace);
  }
};

const main = async () => {
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: start the broker with `npm run kafka:start` and export the variable it prints');
  const history = testHistory(copies);
  for (let n = 1; n <= WARMUP_ROUNDS; n++) note(`${(await round(`warm-up ${n} (not counted)`, history)).line}`);
  const rounds: Round[] = [];
  for (let n = 1; n <= ROUNDS; n++) {
    const result = await round(`round ${n}`, history);
    note(result.line);
    rounds.push(result);
  }
  const rates = rounds.map((r) => r.eventsPerSecond);
  note(`${history.length} events per round, ${ROUNDS} rounds (fresh topics and projection each): min ${Math.round(Math.min(...rates))}, max ${Math.round(Math.max(...rates))} events/s; the median is reported`);
  report('kafka-throughput', percentile(rates, 50), 'events/s');
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`kafka-throughput failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
