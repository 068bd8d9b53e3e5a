import type { EventEnvelope } from '@quotient/kernel';
import type { DeadLetter } from '@quotient/projection';
import type { EachBatchPayload } from 'kafkajs';
import { deadLetterOf, decodeEnvelope } from './kafka-envelope';
import { errorMessage } from './kafka-retry';

export interface CommitAfterWriteOptions {
  readonly topic: string;
  readonly context: string;
  /** Most events handed to `write` at once. */
  readonly batchSize: number;
  /** Makes the events durable (the projection engine's batch); offsets wait for it. */
  readonly write: (events: readonly EventEnvelope[]) => Promise<void>;
  readonly onMalformed: (letter: DeadLetter) => Promise<void>;
  readonly onNotWritten: (error: unknown, partition: number, offset: string) => void;
  /** After a commit, with the position of the last event written (null if the chunk had none). */
  readonly onCommitted: (lastPosition: number | null) => void;
  /** The partition's batch reached its high watermark. */
  readonly onPartitionEnd: (partition: number) => void;
}

/** An error kafkajs must retry (re-delivering the batch), whatever the projection threw. */
class BatchNotWritten extends Error {
  readonly retriable = true;
  constructor(cause: unknown) {
    super(`read-model batch not written: ${errorMessage(cause)}`, { cause });
    this.name = 'BatchNotWritten';
  }
}

const chunks = <T>(items: readonly T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * kafkajs `eachBatch` (to run with `autoCommit: false, eachBatchAutoResolve: false`): each chunk
 * is written first, and only then are its offsets resolved and committed. A failed write is
 * thrown as a retriable error, so kafkajs fetches the chunk again from the last resolved offset.
 */
export const commitAfterWrite =
  (options: CommitAfterWriteOptions) =>
  async ({ batch, resolveOffset, commitOffsetsIfNecessary, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> => {
    const { topic, partition } = batch;
    for (const chunk of chunks(batch.messages, options.batchSize)) {
      if (!isRunning() || isStale()) return;
      const events: EventEnvelope[] = [];
      const malformed: DeadLetter[] = [];
      for (const message of chunk) {
        const decoded = decodeEnvelope(message);
        if (decoded.ok) events.push(decoded.envelope);
        else malformed.push(deadLetterOf(options.context, partition, message, decoded.reason, decoded.raw));
      }
      try {
        if (events.length > 0) await options.write(events);
        for (const letter of malformed) await options.onMalformed(letter);
      } catch (error) {
        options.onNotWritten(error, partition, chunk[0].offset);
        throw new BatchNotWritten(error);
      }
      const last = chunk[chunk.length - 1].offset;
      resolveOffset(last);
      // With autoCommit off, only explicit offsets are committed: the next offset to read.
      await commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset: String(BigInt(last) + 1n) }] }] });
      options.onCommitted(events.length > 0 ? events[events.length - 1].position : null);
      await heartbeat();
    }
    if (BigInt(batch.lastOffset()) + 1n >= BigInt(batch.highWatermark)) options.onPartitionEnd(partition);
  };
