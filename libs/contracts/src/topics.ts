import type { Context } from './registry';

/** Kafka topics of the published language. */
export const eventsTopic = (context: Context | string): string => `quotient.${context}.events.v1`;
export const METRICS_CHANGED_TOPIC = 'quotient.metrics.changed.v1';
export const DEAD_LETTER_TOPIC = 'quotient.deadletter.v1';
