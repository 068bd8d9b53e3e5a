import { BACKWARDS, END, EventStoreDBClient } from '@eventstore/db-client';

export interface OpenEventStoreDbOptions {
  /** Longest wait for the probe read. */
  readonly deadlineMs?: number;
  /** Keep trying this long while the server is unreachable (a server still starting); 0 tries once. */
  readonly waitMs?: number;
}

export class EventStoreDbUnreachable extends Error {}

/** The URL as it may be printed: a password in it is masked. */
export const printableUrl = (url: string): string => url.replace(/\/\/([^:@/]+):([^@/]*)@/, '//$1:***@');

const reasonOf = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error))
    .split('\n')[0]
    .replace(/\s*Resolution note:\s*$/, '');

/**
 * Connects to EventStoreDB / KurrentDB (`esdb://host:2113?tls=false`) and proves it answers with a
 * cheap read (the newest event of `$all`) under a short deadline, so a wrong URL or a server that
 * is down stops the service at start-up with a clear message instead of at its first command.
 */
export const openEventStoreDb = async (url: string, options: OpenEventStoreDbOptions = {}): Promise<EventStoreDBClient> => {
  const unreachable = (error: unknown) => new EventStoreDbUnreachable(`EventStoreDB at ${printableUrl(url)} is not reachable: ${reasonOf(error)}`);
  let client: EventStoreDBClient;
  try {
    client = EventStoreDBClient.connectionString(url);
  } catch (error) {
    throw unreachable(error);
  }
  const giveUpAt = Date.now() + (options.waitMs ?? 0);
  for (;;) {
    try {
      for await (const _ of client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1, deadline: options.deadlineMs ?? 5000 })) void _;
      return client;
    } catch (error) {
      if (Date.now() < giveUpAt) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        continue;
      }
      await client.dispose().catch(() => undefined);
      throw unreachable(error);
    }
  }
};
