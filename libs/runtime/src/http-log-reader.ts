import type { EventEnvelope } from '@quotient/kernel';

/**
 * Reads a command service's log over its audit endpoint (`GET /events`): how the projection
 * replays history for `asOf` when it does not share the services' stores (Kafka deployments).
 */
export const httpLogReader = (baseUrl: string) => ({
  readAll: async (fromPosition: number, limit: number, recordedUpTo?: string): Promise<EventEnvelope[]> => {
    const query = new URLSearchParams({ fromPosition: String(fromPosition), limit: String(Math.min(limit, 10_000)) });
    if (recordedUpTo) query.set('recordedUpTo', recordedUpTo);
    const response = await fetch(`${baseUrl}/events?${query}`);
    if (!response.ok) throw new Error(`GET ${baseUrl}/events answered ${response.status}`);
    return ((await response.json()) as { events: EventEnvelope[] }).events;
  },
});
