import { BACKWARDS, END, EventStoreDBClient, jsonEvent, StreamNotFoundError } from '@eventstore/db-client';
import type { CheckpointStore } from '@quotient/eventsourcing';
import { checkedPrefix, checkpointStream, EventStoreDbOptions } from './eventstoredb-streams';

const SAVED = 'quotient.CheckpointSaved';
/** Old checkpoints are of no use: the server may scavenge all but the last few. */
const KEEP = 10;

/**
 * The CheckpointStore port: each name is a stream `meta-<prefix>checkpoint-<name>` whose last event
 * holds the position; loading reads one event backwards from the end.
 */
export class EventStoreDbCheckpointStore implements CheckpointStore {
  private readonly prefix: string;
  private readonly trimmed = new Set<string>();

  constructor(
    private readonly client: EventStoreDBClient,
    options: EventStoreDbOptions,
  ) {
    this.prefix = checkedPrefix(options.streamPrefix);
  }

  async load(name: string): Promise<number> {
    try {
      const read = this.client.readStream(checkpointStream(this.prefix, name), { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
      for await (const resolved of read) {
        const position = (resolved.event?.data as { position?: unknown } | undefined)?.position;
        if (typeof position === 'number') return position;
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return 0;
  }

  async save(name: string, position: number): Promise<void> {
    if (!Number.isSafeInteger(position) || position < 0) throw new RangeError(`checkpoint ${name}: expected a log position, got ${position}`);
    const stream = checkpointStream(this.prefix, name);
    await this.client.appendToStream(stream, jsonEvent({ type: SAVED, data: { position } }));
    if (!this.trimmed.has(stream)) {
      await this.client.setStreamMetadata(stream, { maxCount: KEEP });
      this.trimmed.add(stream);
    }
  }
}
