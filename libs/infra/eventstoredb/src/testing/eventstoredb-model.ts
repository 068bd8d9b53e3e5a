import { Readable } from 'node:stream';
import {
  ANY,
  AppendExpectedRevision,
  BACKWARDS,
  EventData,
  EventStoreDBClient,
  NO_STREAM,
  Position,
  ReadPosition,
  STREAM_EXISTS,
  StreamNotFoundError,
  UnknownError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';

interface Recorded {
  readonly streamId: string;
  readonly id: string;
  readonly type: string;
  readonly revision: bigint;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly isJson: true;
  readonly created: Date;
  readonly position: Position;
}

type ReadOptions = { fromPosition?: ReadPosition; fromRevision?: bigint | 'start' | 'end'; direction?: string; maxCount?: number | bigint };
type SubscribeOptions = { fromPosition?: ReadPosition; filter?: { prefixes?: string[] } };

/**
 * An in-memory model of the parts of EventStoreDB the adapter uses, as the server documents them:
 * `$all` positions are byte offsets of records (sparse, commit = prepare for gRPC appends); reading
 * `$all` forwards includes the event at the position, backwards and subscriptions exclude it; a
 * read from an offset inside a record fails; system events (`$…`) are interleaved. It lets the
 * adapter's own logic run here; only the integration suite against a real server proves the model.
 */
export class EventStoreDbModel {
  readonly all: Recorded[] = [];
  private nextOffset = 0n;
  private readonly listeners = new Set<() => void>();

  constructor() {
    this.record('$epoch-information', '$epoch', {});
  }

  get client(): EventStoreDBClient {
    return this as unknown as EventStoreDBClient;
  }

  /** Writes foreign or system events around the adapter's own. */
  record(streamId: string, type: string, data: unknown, metadata: unknown = {}, id: string = crypto.randomUUID()): Recorded {
    const revision = BigInt(this.all.filter((e) => e.streamId === streamId).length);
    const offset = this.nextOffset;
    this.nextOffset += BigInt(120 + JSON.stringify({ data, metadata }).length);
    const event: Recorded = { streamId, id, type, revision, data, metadata, isJson: true, created: new Date(), position: { commit: offset, prepare: offset } };
    this.all.push(event);
    return event;
  }

  async appendToStream(streamName: string, events: EventData | EventData[], options: { expectedRevision?: AppendExpectedRevision } = {}) {
    await new Promise((resolve) => setImmediate(resolve));
    const list = Array.isArray(events) ? events : [events];
    const existing = this.all.filter((e) => e.streamId === streamName).length;
    const current = existing === 0 ? NO_STREAM : BigInt(existing - 1);
    const expected = options.expectedRevision ?? ANY;
    const ok = expected === ANY || (expected === NO_STREAM ? current === NO_STREAM : expected === STREAM_EXISTS ? current !== NO_STREAM : expected === current);
    if (!ok) throw new WrongExpectedVersionError(undefined, { streamName, expected, current });
    const written = list.map((e) => this.record(streamName, e.type, e.data, e.metadata, e.id));
    for (const listener of this.listeners) listener();
    return { success: true, nextExpectedRevision: written.at(-1)?.revision ?? BigInt(existing - 1), position: written.at(-1)?.position };
  }

  readStream(streamName: string, options: ReadOptions = {}) {
    let events = this.all.filter((e) => e.streamId === streamName);
    if (events.length === 0) return failing(new StreamNotFoundError(undefined, streamName));
    const backwards = options.direction === BACKWARDS;
    if (backwards) events = events.reverse();
    const from = options.fromRevision;
    if (typeof from === 'bigint') events = events.filter((e) => (backwards ? e.revision <= from : e.revision >= from));
    return Readable.from(events.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER)).map((event) => ({ event })));
  }

  readAll(options: ReadOptions = {}) {
    const backwards = options.direction === BACKWARDS;
    const at = options.fromPosition ?? (backwards ? 'end' : 'start');
    let events: Recorded[];
    if (at === 'start') events = [...this.all];
    else if (at === 'end') events = backwards ? [...this.all] : [];
    else if (!this.isRecordBoundary(at)) return failing(new UnknownError(undefined, `Invalid position ${at.commit}/${at.prepare}`));
    else events = this.all.filter((e) => (backwards ? e.position.prepare < at.prepare : e.position.prepare >= at.prepare));
    if (backwards) events.reverse();
    return Readable.from(events.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER)).map((event) => ({ event })));
  }

  subscribeToAll(options: SubscribeOptions = {}, readableOptions: { highWaterMark?: number } = {}) {
    const from = options.fromPosition ?? 'start';
    const prefixes = options.filter?.prefixes ?? [''];
    const readable = new Readable({ objectMode: true, highWaterMark: readableOptions.highWaterMark, read: () => undefined });
    let next = from === 'start' ? 0 : from === 'end' ? this.all.length : this.all.findIndex((e) => e.position.prepare > from.prepare);
    if (next < 0) next = this.all.length;
    let caughtUpSent = false;
    const pump = () => {
      while (next < this.all.length) {
        const event = this.all[next++];
        if (prefixes.some((p) => event.streamId.startsWith(p))) readable.push({ event });
      }
      if (!caughtUpSent) readable.emit('caughtUp');
      caughtUpSent = true;
    };
    this.listeners.add(pump);
    setImmediate(pump);
    // Like the driver: unsubscribing cancels the call but does not end the Readable.
    return Object.assign(readable, { unsubscribe: async () => void this.listeners.delete(pump) });
  }

  async setStreamMetadata(streamName: string, metadata: unknown) {
    this.record(`$$${streamName}`, '$metadata', metadata);
    return { success: true };
  }

  async dispose(): Promise<void> {
    this.listeners.clear();
  }

  private isRecordBoundary(position: Position): boolean {
    return position.prepare === this.nextOffset || this.all.some((e) => e.position.prepare === position.prepare);
  }
}

const failing = (error: Error) =>
  new Readable({
    objectMode: true,
    read() {
      this.destroy(error);
    },
  });
