import {
  AllStreamRecordedEvent,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  InvalidArgumentError,
  ReadPosition,
  START,
  UnknownError,
} from '@eventstore/db-client';
import { esdbPositionOf, LogAnchor, notAPosition } from './eventstoredb-mapping';
import { belongsToLog } from './eventstoredb-streams';

/*
 * Reads of `$all`. The driver's readAll (6.x) takes no filter, so pages of `$all` are read whole
 * and filtered here; each page is bounded and read to its end, so stopping early leaves no call
 * running. Only the subscription filters on the server.
 */

interface Page {
  readonly events: AllStreamRecordedEvent[];
  readonly complete: boolean;
}

const readPage = async (client: EventStoreDBClient, fromPosition: ReadPosition, direction: typeof FORWARDS | typeof BACKWARDS, size: number): Promise<Page> => {
  const events: AllStreamRecordedEvent[] = [];
  let count = 0;
  for await (const resolved of client.readAll({ fromPosition, direction, maxCount: size })) {
    count++;
    if (resolved.event) events.push(resolved.event);
  }
  return { events, complete: count < size };
};

/**
 * Every event of `$all` from an anchor on, in log order. The anchor must name an event: the first
 * event read must sit exactly at its offset, else the position was not one of this log.
 */
export async function* scanForward(client: EventStoreDBClient, anchor: LogAnchor, requested: number, pageSize: number): AsyncGenerator<AllStreamRecordedEvent> {
  let from: ReadPosition = anchor.kind === 'start' ? START : esdbPositionOf(anchor.offset);
  let skip: bigint | null = anchor.kind === 'event' && !anchor.inclusive ? anchor.offset : null;
  let verify: bigint | null = anchor.kind === 'event' ? anchor.offset : null;
  for (;;) {
    let page: Page;
    try {
      page = await readPage(client, from, FORWARDS, pageSize);
    } catch (error) {
      // Servers refuse a read that starts inside a record with one of these.
      if (verify !== null && (error instanceof InvalidArgumentError || error instanceof UnknownError)) throw notAPosition(requested);
      throw error;
    }
    for (const event of page.events) {
      if (verify !== null && event.position.prepare !== verify) throw notAPosition(requested);
      verify = null;
      if (event.position.prepare !== skip) yield event;
    }
    if (verify !== null) throw notAPosition(requested);
    const last = page.events.at(-1);
    if (page.complete || !last) return;
    // ESDB reads forwards inclusively: the next page starts at the last event read, skipping it.
    from = esdbPositionOf(last.position.prepare);
    skip = last.position.prepare;
  }
}

/** The last event of the service's log, scanning `$all` backwards from its end; null when there is none. */
export const lastLogEvent = async (client: EventStoreDBClient, prefix: string, pageSize = 512): Promise<AllStreamRecordedEvent | null> => {
  let from: ReadPosition = END;
  for (;;) {
    const page = await readPage(client, from, BACKWARDS, pageSize);
    const found = page.events.find((e) => belongsToLog(prefix, e.streamId, e.type));
    if (found) return found;
    const last = page.events.at(-1);
    if (page.complete || !last) return null;
    // Backwards from an event's position yields the events before it (positions are pre-positions).
    from = esdbPositionOf(last.position.prepare);
  }
};
