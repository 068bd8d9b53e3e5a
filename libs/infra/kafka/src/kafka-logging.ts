import { logCreator as LogCreator, logLevel } from 'kafkajs';
import pino, { Logger } from 'pino';

/** What the adapters log through: any pino logger (or anything with the same four methods). */
export type KafkaLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

export const defaultKafkaLogger = (): KafkaLogger =>
  pino({ level: process.env.LOG_LEVEL ?? 'info', base: { component: 'kafka' }, timestamp: pino.stdTimeFunctions.isoTime });

/**
 * kafkajs messages about trouble it retries by itself (and that our loops report in one line
 * when it lasts): a broker that is down or restarting, a coordinator still loading, a topic whose
 * leader is not elected yet, a consumer that crashes and restarts, and the notice that an
 * idempotent producer has finite retries — the relay resends the same batch itself, forever.
 */
const RETRIED_NOISE = [
  /connection (error|timeout)|closed connection|ECONNREFUSED|ECONNRESET|EPIPE|socket hang up/i,
  /failed to connect to seed broker|failed to send messages|broker not connected/i,
  /^Crash: |restarting the consumer|Caught error when disconnecting/i,
  /coordinator (is loading|is not available|not aware)|not the correct coordinator|COORDINATOR_/i,
  /does not host this topic-partition|no leader for this topic-partition|leader is not available|UNKNOWN_TOPIC_OR_PARTITION|NOT_LEADER/i,
  /group is rebalancing|Limiting retries for the idempotent producer/,
  // A batch the projection could not write (the source logs it, kafkajs re-delivers it), and a
  // batch too large for the broker (the relay splits it, or logs the one event that is too large).
  /Error when calling eachBatch|larger than the max message size/,
];
const NOISY_NAMESPACES = new Set(['Connection', 'BrokerPool']);

/** True when a kafkajs log line is retried noise; exported for the tests. */
export const isRetriedNoise = (namespace: string, message: string): boolean =>
  NOISY_NAMESPACES.has(namespace) || RETRIED_NOISE.some((pattern) => pattern.test(message));

/**
 * Routes kafkajs's own logging into our structured logger: warnings and errors stay what they
 * are, minus stack traces; retried noise and kafkajs's info chatter go to debug.
 */
export const quietLogCreator =
  (logger: KafkaLogger): LogCreator =>
  () =>
  ({ namespace, level, log }) => {
    const { message, timestamp: _t, logger: _l, stack: _s, ...fields } = log;
    const entry = { kafkajs: namespace, ...fields };
    if (level >= logLevel.INFO || isRetriedNoise(namespace, message)) logger.debug(entry, message);
    else if (level === logLevel.WARN) logger.warn(entry, message);
    else logger.error(entry, message);
  };

const causes = (error: unknown): unknown[] => {
  const chain: unknown[] = [];
  for (let current = error; current && chain.length < 10; ) {
    chain.push(current);
    const next = current as { cause?: unknown; originalError?: unknown };
    current = next.cause ?? next.originalError;
  }
  return chain;
};

const CONNECTION_ERRORS = new Set(['KafkaJSConnectionError', 'KafkaJSConnectionClosedError', 'KafkaJSBrokerNotFound', 'KafkaJSRequestTimeoutError']);

/** True when an error (or its cause) means the broker cannot be reached. */
export const isUnreachable = (error: unknown): boolean =>
  causes(error).some((e) => {
    const { name, code } = (e ?? {}) as { name?: string; code?: string };
    return CONNECTION_ERRORS.has(name ?? '') || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND'].includes(code ?? '');
  });

/** True when the broker refused a request for its size (a batch to split, or one event too big). */
export const isTooLarge = (error: unknown): boolean =>
  causes(error).some((e) => ['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE'].includes((e as { type?: string } | null)?.type ?? ''));

/** The one line a retry loop logs: plain words, no stack trace. */
export const describeFailure = (what: string, error: unknown, brokers: readonly string[], delayMs: number): string => {
  const retry = `retrying in ${Math.round(delayMs / 100) / 10}s`;
  if (isUnreachable(error)) return `Kafka at ${brokers.join(',')} is not reachable; ${retry}`;
  const root = causes(error).at(-1) as { message?: string } | undefined;
  const reason = error instanceof Error ? error.message : String(error);
  const detail = root?.message && root.message !== reason ? ` (${root.message})` : '';
  return `${what} failed: ${reason}${detail}; ${retry}`;
};
