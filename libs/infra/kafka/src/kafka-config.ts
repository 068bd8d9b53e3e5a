import { DEAD_LETTER_TOPIC, eventsTopic, METRICS_CHANGED_TOPIC } from '@quotient/contracts';
import { Admin, ITopicConfig, Kafka, RetryOptions } from 'kafkajs';
import { z } from 'zod';
import { defaultKafkaLogger, KafkaLogger, quietLogCreator } from './kafka-logging';

const BrokerAddress = z.string().regex(/^[A-Za-z0-9_.\-[\]:]+:\d{1,5}$/, 'expected host:port');

/**
 * The Kafka settings a service reads from its environment (the env names are the keys, so a
 * composition root can merge them into its own zod schema with `.extend(KafkaEnv.shape)`).
 */
export const KafkaEnv = z.object({
  KAFKA_BROKERS: z
    .string({ error: 'required when Kafka is the transport, e.g. 127.0.0.1:9092' })
    .transform((text) => text.split(',').map((b) => b.trim()).filter((b) => b !== ''))
    .pipe(z.array(BrokerAddress).min(1, 'expected a comma-separated list of host:port')),
  KAFKA_CLIENT_ID: z.string().regex(/^[A-Za-z0-9_.\-]+$/).default('quotient'),
  KAFKA_PARTITIONS: z.coerce.number().int().min(1).max(1000).default(4),
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(10).default(1),
  /** Prepended to every topic name (`<ns>.quotient.deals.events.v1`): isolates tests and tenants of one cluster. */
  KAFKA_TOPIC_NAMESPACE: z.string().regex(/^[A-Za-z0-9_\-]*$/).default(''),
});
export type KafkaEnv = z.infer<typeof KafkaEnv>;

export interface KafkaOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Partitions of the topics we create (default 4). */
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly topicNamespace: string;
}

export class KafkaConfigurationError extends Error {}

export const kafkaOptionsOf = (env: KafkaEnv): KafkaOptions => ({
  brokers: env.KAFKA_BROKERS,
  clientId: env.KAFKA_CLIENT_ID,
  partitions: env.KAFKA_PARTITIONS,
  replicationFactor: env.KAFKA_REPLICATION_FACTOR,
  topicNamespace: env.KAFKA_TOPIC_NAMESPACE,
});

/** Reads and validates the Kafka settings; a bad value throws one message naming every variable. */
export const readKafkaOptions = (env: NodeJS.ProcessEnv = process.env): KafkaOptions => {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = KafkaEnv.safeParse(cleaned);
  if (parsed.success) return kafkaOptionsOf(parsed.data);
  const lines = parsed.error.issues.map((i) => `  ${String(i.path[0])}=${JSON.stringify(env[String(i.path[0])] ?? '')}: ${i.message}`);
  throw new KafkaConfigurationError(`Invalid Kafka configuration:\n${lines.join('\n')}`);
};

/** The topic names of the published language, optionally under a namespace. */
export interface KafkaTopics {
  events(context: string): string;
  readonly metricsChanged: string;
  readonly deadLetter: string;
}

export const kafkaTopics = (namespace = ''): KafkaTopics => {
  const named = (topic: string) => (namespace ? `${namespace}.${topic}` : topic);
  return { events: (context) => named(eventsTopic(context)), metricsChanged: named(METRICS_CHANGED_TOPIC), deadLetter: named(DEAD_LETTER_TOPIC) };
};

/** A client handle plus what our loops need to report and create topics. */
export interface KafkaClient {
  readonly kafka: Kafka;
  readonly options: KafkaOptions;
  readonly topics: KafkaTopics;
  readonly logger: KafkaLogger;
  /** kafkajs's retries within one attempt (consumers use them too). */
  readonly retry: RetryOptions;
}

/**
 * kafkajs's own retries inside one attempt are kept short (about 2 s against a dead broker), so
 * our loops can say plainly, once per attempt, that Kafka is not reachable — and keep trying.
 */
export const KAFKAJS_RETRY = { initialRetryTime: 300, retries: 3, maxRetryTime: 5_000 } as const;

/**
 * Stops warnings of one name from reaching the printers `warnings` has now (Node's own, on
 * `process`); every other warning still reaches them. Returns the filter it installed.
 */
export const dropWarningsNamed = (warnings: NodeJS.EventEmitter, name: string): ((warning: Error) => void) => {
  const printers = warnings.listeners('warning') as Array<(warning: Error) => void>;
  warnings.removeAllListeners('warning');
  const filter = (warning: Error) => {
    if (warning.name === name) return;
    for (const print of printers) print(warning);
  };
  warnings.on('warning', filter);
  return filter;
};

let negativeTimeoutWarningsDropped = false;

/**
 * kafkajs 2.2.4 sets timers to `throttledUntil - Date.now()`, a large negative number before any
 * throttling (tulios/kafkajs#1751, fixed only in forks). Node clamps such a delay to 1 ms, as it
 * always did, but since Node 24 prints a TimeoutNegativeWarning for it on every Kafka-mode start.
 * That one warning is dropped, as `--disable-warning=TimeoutNegativeWarning` would.
 */
export const dropNegativeTimeoutWarnings = (): void => {
  if (negativeTimeoutWarningsDropped) return;
  negativeTimeoutWarningsDropped = true;
  dropWarningsNamed(process, 'TimeoutNegativeWarning');
};

export const createKafka = (options: KafkaOptions, logger: KafkaLogger = defaultKafkaLogger(), retry: RetryOptions = KAFKAJS_RETRY): KafkaClient => {
  dropNegativeTimeoutWarnings();
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    logCreator: quietLogCreator(logger),
    retry: { ...retry },
    connectionTimeout: 3_000,
  });
  return { kafka, options, topics: kafkaTopics(options.topicNamespace), logger, retry };
};

/** A topic to create, with settings beyond the partition count. */
export interface TopicSpec {
  readonly topic: string;
  /** `-1` keeps messages forever (event topics: a new consumer group must be able to read everything). */
  readonly retentionMs?: number;
}

/**
 * Creates the topics that do not exist yet (idempotent; safe when several processes race) and
 * waits until every partition has a leader. An existing topic keeps its partition count:
 * adding partitions would move keys to other partitions and break the per-stream order of
 * events still in flight, so we only warn.
 */
export const ensureTopics = async (
  admin: Admin,
  topics: ReadonlyArray<string | TopicSpec>,
  partitions: number,
  options: { replicationFactor?: number; logger?: KafkaLogger; timeoutMs?: number } = {},
): Promise<void> => {
  const specs = topics.map((t) => (typeof t === 'string' ? { topic: t } : t));
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((s) => !existing.has(s.topic));
  if (missing.length > 0) {
    const configs: ITopicConfig[] = missing.map((s) => ({
      topic: s.topic,
      numPartitions: partitions,
      replicationFactor: options.replicationFactor ?? 1,
      configEntries: s.retentionMs === undefined ? [] : [{ name: 'retention.ms', value: String(s.retentionMs) }],
    }));
    // kafkajs's own waitForLeaders gives up on the UNKNOWN_TOPIC_OR_PARTITION a KRaft broker answers
    // for a moment after the creation; we wait ourselves below.
    await admin.createTopics({ topics: configs, waitForLeaders: false });
  }
  const metadata = await withLeaders(admin, specs.map((s) => s.topic), options.timeoutMs ?? 15_000);
  for (const { name, partitions: found } of metadata.topics) {
    if (existing.has(name) && found.length !== partitions) {
      options.logger?.warn({ topic: name, partitions: found.length, configured: partitions }, `topic ${name} has ${found.length} partitions, not the configured ${partitions}; left as it is`);
    }
  }
};

const withLeaders = async (admin: Admin, topics: string[], timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const metadata = await admin.fetchTopicMetadata({ topics });
      if (metadata.topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return metadata;
      if (Date.now() > deadline) throw new Error(`topics ${topics.join(', ')} have no leader after ${timeoutMs} ms`);
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** Ensures `topics` exist with the client's partition count and replication, through a short-lived admin connection. */
export const ensureClientTopics = async (client: KafkaClient, topics: ReadonlyArray<string | TopicSpec>, logger: KafkaLogger = client.logger): Promise<void> => {
  const admin = client.kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(admin, topics, client.options.partitions, { replicationFactor: client.options.replicationFactor, logger });
  } finally {
    await admin.disconnect();
  }
};
