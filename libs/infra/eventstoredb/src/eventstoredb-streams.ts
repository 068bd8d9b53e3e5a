import { createHash } from 'node:crypto';

/** How one service's adapters find their part of a shared EventStoreDB. */
export interface EventStoreDbOptions {
  /** The service's stream-name prefix (`deals.`): its log is every `$all` event of a stream starting with it. */
  readonly streamPrefix: string;
}

export const checkedPrefix = (prefix: string): string => {
  if (!/^[^$\s]\S*$/.test(prefix)) {
    throw new Error(`EventStoreDB stream prefix must be non-empty, without spaces and not start with $ (got "${prefix}")`);
  }
  return prefix;
};

/** Whether an event of `$all` belongs to the service's log: one of its streams, and no system event. */
export const belongsToLog = (prefix: string, streamId: string, type: string): boolean => streamId.startsWith(prefix) && !type.startsWith('$');

/*
 * Bookkeeping streams (idempotency keys, checkpoints) are ordinary user streams OUTSIDE the prefix
 * — `meta-deals.checkpoint-relay` — so the server-side prefix filter keeps them out of the log:
 * a checkpoint save never wakes the relay, a claimed key never shows in `GET /events`. They share
 * ESDB's category `meta`.
 */
export const idempotencyStream = (prefix: string, key: string): string =>
  `meta-${prefix}idempotency-${createHash('sha256').update(key).digest('hex')}`;

export const checkpointStream = (prefix: string, name: string): string => `meta-${prefix}checkpoint-${name}`;
