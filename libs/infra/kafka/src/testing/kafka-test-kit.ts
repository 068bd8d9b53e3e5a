import type { EventToAppend } from '@quotient/eventsourcing';
import { newId } from '@quotient/kernel';
import { DEFAULT_METRICS_CONFIG, metricCatalogue, MetricDefinition, MetricFold, metricFolds, ORG, sums, team, valueOf } from '@quotient/metrics';
import { ProjectionCore } from '@quotient/projection';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { createKafka, KafkaClient } from '../kafka-config';
import type { KafkaLogger } from '../kafka-logging';

/** Test support for the Kafka adapter's suites (not part of the library's public face). */

export const runId = (): string => `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export interface LogLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields: Record<string, unknown>;
}

/** A logger that keeps what it is told (printed too with KAFKA_TEST_LOGS=1). */
export const collectingLogger = (): KafkaLogger & { readonly lines: LogLine[] } => {
  const lines: LogLine[] = [];
  const at =
    (level: LogLine['level']) =>
    (fields: unknown, message?: string): void => {
      const line = { level, message: message ?? String(fields), fields: typeof fields === 'object' && fields ? (fields as Record<string, unknown>) : {} };
      lines.push(line);
      if (process.env.KAFKA_TEST_LOGS === '1' && level !== 'debug') process.stdout.write(`[${level}] ${line.message}\n`);
    };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } as KafkaLogger & { lines: LogLine[] };
};

export const testKafka = (brokers: string, namespace: string, logger: KafkaLogger = collectingLogger(), retry?: { retries: number; initialRetryTime: number }): KafkaClient =>
  createKafka({ brokers: brokers.split(','), clientId: `quotient-test-${namespace}`, partitions: 4, replicationFactor: 1, topicNamespace: namespace }, logger, retry);

export const FAST_BACKOFF = { initialMs: 200, maxMs: 2_000 };
export const CONSUMER = { maxWaitTimeInMs: 250, sessionTimeout: 6_000, heartbeatInterval: 500 };

/** A valid `deals.ActivityLogged` for a deal of team `teamId`. */
export const activityLogged = (dealId: string, teamId = 'north', occurredAt = '2026-11-05T10:00:00.000Z'): EventToAppend => ({
  id: newId(),
  type: 'deals.ActivityLogged',
  schemaVersion: 1,
  data: { dealId, customerId: `c-${dealId}`, ownerRepId: 'rep-1', teamId, region: 'east', channel: 'direct', segment: 'smb', kind: 'call' },
  occurredAt,
  tenantId: 'default',
  actor: 'tester',
  correlationId: newId(),
  causationId: null,
});

export const dealStream = (dealId: string): string => `deals.deal-${dealId}`;

const PROBE_COUNTER = 'kafka_probe_activities';

/**
 * A one-metric probe: counts activities per org and team. The suites add it to the real
 * catalogue, so MetricChanged flows whatever the real catalogue holds yet.
 */
export const probeMetric: MetricDefinition = {
  id: 'kafka_probe_activity_count',
  zh: '活动数(探针)',
  en: 'Activities (probe)',
  area: 'efficiency',
  unit: 'count',
  direction: 'neutral',
  scopes: ['org', 'team'],
  formula: 'count of deals.ActivityLogged',
  compute: (ctx) => valueOf(ctx.sum(PROBE_COUNTER), {}),
};

export const probeFold: MetricFold = {
  name: 'kafka-probe',
  handles: ['deals.ActivityLogged'],
  apply: (event, meta, ctx) => {
    if (event.type === 'deals.ActivityLogged') ctx.addFacts(sums(PROBE_COUNTER, [ORG, team(event.data.teamId)], meta.occurredAt, 1));
  },
};

export const catalogue = (): MetricDefinition[] => [...metricCatalogue, probeMetric];
export const folds = (): MetricFold[] => [...metricFolds, probeFold];
export const newCore = (): ProjectionCore => new ProjectionCore(catalogue(), folds(), DEFAULT_METRICS_CONFIG);
export const probeValue = (core: ProjectionCore, scope = ORG, period = '2026-11'): number | null =>
  core.storedValue(probeMetric.id, scope, period)?.value ?? null;

export const waitFor = async (condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

export interface ReadMessage {
  readonly partition: number;
  readonly message: KafkaMessage;
}

/** Reads a topic from the beginning with a throw-away group until `enough` says so. */
export const readTopic = async (kafka: Kafka, topic: string, enough: (messages: readonly ReadMessage[]) => boolean, timeoutMs = 20_000): Promise<ReadMessage[]> => {
  const consumer = kafka.consumer({ groupId: `reader-${runId()}`, ...CONSUMER });
  const messages: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({ eachMessage: async ({ partition, message }) => void messages.push({ partition, message }) });
    await waitFor(() => enough(messages), timeoutMs, `messages on ${topic} (have ${messages.length})`);
    return messages;
  } finally {
    await consumer.disconnect();
  }
};

export const json = (message: KafkaMessage): Record<string, unknown> => JSON.parse(message.value?.toString('utf8') ?? 'null');
export const header = (message: KafkaMessage, name: string): string | undefined => message.headers?.[name]?.toString();
