import { Command, ConcurrencyConflict, Decider, DomainEvent } from '@quotient/kernel';
import { createCommandHandler } from './command-handler';
import type { EventStore } from './event-store.port';

/** A minimal in-memory store, enough to exercise the handler's retry and queueing. */
const memoryStore = (failFirstAppends = 0): EventStore & { appends: number } => {
  const streams = new Map<string, unknown[]>();
  let position = 0;
  let failures = failFirstAppends;
  const store = {
    appends: 0,
    append: async (streamId: string, events: readonly { data: unknown }[], { expectedRevision }: { expectedRevision: number | 'no_stream' | 'any' }) => {
      const current = (streams.get(streamId)?.length ?? 0) - 1;
      const expected = expectedRevision === 'no_stream' ? -1 : expectedRevision;
      if (failures > 0) {
        failures--;
        throw new ConcurrencyConflict(streamId, expected as number, current + 1);
      }
      if (expected !== 'any' && expected !== current) throw new ConcurrencyConflict(streamId, expected as number, current);
      const list = streams.get(streamId) ?? [];
      list.push(...events);
      streams.set(streamId, list);
      store.appends++;
      position += events.length;
      return { streamId, revision: list.length - 1, events: [] };
    },
    readStream: async (streamId: string) =>
      (streams.get(streamId) ?? []).map((e, revision) => ({ ...(e as object), revision, occurredAt: '2026-01-01T00:00:00Z', schemaVersion: 1 }) as never),
    readAll: async () => [],
    lastPosition: async () => position,
    findIdempotency: async () => null,
    close: async () => undefined,
  };
  return store as never;
};

type Inc = Command<'Inc', Record<string, never>>;
type Incremented = DomainEvent<'Incremented', { n: number }>;
const counter: Decider<Inc, number, Incremented> = {
  initialState: () => 0,
  decide: (_c, n) => [{ type: 'Incremented', data: { n: n + 1 } }],
  evolve: (n) => n + 1,
};
const inc = (): Inc => ({ type: 'Inc', data: {}, metadata: { tenantId: 't', actor: 'a', correlationId: 'c', occurredAt: '2026-01-01T00:00:00Z', now: '2026-01-01T00:00:00Z' } });

describe('command handler', () => {
  it('queues a burst of commands on one stream instead of failing them', async () => {
    const store = memoryStore();
    const handle = createCommandHandler(store, counter);
    const results = await Promise.all(Array.from({ length: 100 }, () => handle('s-1', inc())));
    expect(results.map((r) => r.revision).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(store.appends).toBe(100);
  });

  it('retries a revision conflict caused by another writer, within a bound', async () => {
    const store = memoryStore(3);
    const result = await createCommandHandler(store, counter)('s-2', inc());
    expect(result.revision).toBe(0);
    await expect(createCommandHandler(memoryStore(50), counter, { maxAttempts: 3 })('s-3', inc())).rejects.toBeInstanceOf(ConcurrencyConflict);
  });

  it('leaves other streams free while one is busy', async () => {
    const store = memoryStore();
    const handle = createCommandHandler(store, counter);
    const results = await Promise.all(['a', 'b', 'c'].map((s) => handle(s, inc())));
    expect(results.map((r) => r.revision)).toEqual([0, 0, 0]);
  });
});
