import { ConcurrencyConflict } from '@quotient/kernel';
import { DuplicateIdempotencyKey } from '../errors';
import type { EventStore } from '../event-store.port';
import { anEvent, events, uniqueStream } from './fixtures';

export interface EventStoreFixture {
  readonly store: EventStore;
  readonly dispose?: () => Promise<void>;
}

/** The behaviour every EventStore adapter must show. */
export const describeEventStoreContract = (name: string, open: () => Promise<EventStoreFixture>) => {
  describe(`EventStore contract: ${name}`, () => {
    let fixture: EventStoreFixture;
    let store: EventStore;
    beforeEach(async () => {
      fixture = await open();
      store = fixture.store;
    });
    afterEach(async () => {
      await store.close();
      await fixture.dispose?.();
    });

    it('appends to a new stream with 0-based revisions and increasing positions', async () => {
      const stream = uniqueStream();
      const result = await store.append(stream, events(3), { expectedRevision: 'no_stream' });
      expect(result.revision).toBe(2);
      expect(result.events.map((e) => e.revision)).toEqual([0, 1, 2]);
      const positions = result.events.map((e) => e.position);
      expect(positions[0]).toBeGreaterThan(0);
      expect(positions[1]).toBeGreaterThan(positions[0]);
      expect(positions[2]).toBeGreaterThan(positions[1]);
    });

    it('keeps every envelope field and the data as written', async () => {
      const stream = uniqueStream();
      const written = anEvent({ causationId: 'cause-1', actor: 'alice', tenantId: 't1', schemaVersion: 2 });
      await store.append(stream, [written], { expectedRevision: 'no_stream' });
      const [read] = await store.readStream(stream);
      expect(read).toMatchObject({
        id: written.id,
        type: written.type,
        schemaVersion: 2,
        streamId: stream,
        revision: 0,
        occurredAt: written.occurredAt,
        tenantId: 't1',
        actor: 'alice',
        correlationId: written.correlationId,
        causationId: 'cause-1',
        data: written.data,
      });
      expect(Number.isNaN(Date.parse(read.recordedAt))).toBe(false);
    });

    it('returns an empty list for a stream that does not exist', async () => {
      expect(await store.readStream(uniqueStream())).toEqual([]);
    });

    it('reads a stream from a revision', async () => {
      const stream = uniqueStream();
      await store.append(stream, events(5), { expectedRevision: 'no_stream' });
      const tail = await store.readStream(stream, { fromRevision: 3 });
      expect(tail.map((e) => e.revision)).toEqual([3, 4]);
    });

    it('appends at the expected revision', async () => {
      const stream = uniqueStream();
      await store.append(stream, events(2), { expectedRevision: 'no_stream' });
      const next = await store.append(stream, events(1), { expectedRevision: 1 });
      expect(next.revision).toBe(2);
    });

    it('refuses a stale expected revision and appends nothing', async () => {
      const stream = uniqueStream();
      await store.append(stream, events(2), { expectedRevision: 'no_stream' });
      const before = await store.lastPosition();
      await expect(store.append(stream, events(2), { expectedRevision: 0 })).rejects.toBeInstanceOf(ConcurrencyConflict);
      await expect(store.append(stream, events(1), { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(ConcurrencyConflict);
      expect(await store.lastPosition()).toBe(before);
      expect(await store.readStream(stream)).toHaveLength(2);
    });

    it('refuses an expected revision on a stream that does not exist', async () => {
      await expect(store.append(uniqueStream(), events(1), { expectedRevision: 0 })).rejects.toBeInstanceOf(ConcurrencyConflict);
    });

    it('appends without a check when any revision is expected', async () => {
      const stream = uniqueStream();
      await store.append(stream, events(1), { expectedRevision: 'any' });
      const result = await store.append(stream, events(1), { expectedRevision: 'any' });
      expect(result.revision).toBe(1);
    });

    it('lets exactly one of two racing writers at the same revision win', async () => {
      const stream = uniqueStream();
      await store.append(stream, events(1), { expectedRevision: 'no_stream' });
      const outcomes = await Promise.allSettled([
        store.append(stream, events(1), { expectedRevision: 0 }),
        store.append(stream, events(1), { expectedRevision: 0 }),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const rejected = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(rejected.reason).toBeInstanceOf(ConcurrencyConflict);
      expect(await store.readStream(stream)).toHaveLength(2);
    });

    it('accepts many concurrent appends to different streams', async () => {
      const streams = Array.from({ length: 50 }, () => uniqueStream());
      const results = await Promise.all(streams.map((s) => store.append(s, events(2), { expectedRevision: 'no_stream' })));
      const positions = results.flatMap((r) => r.events.map((e) => e.position));
      expect(new Set(positions).size).toBe(100);
      for (const stream of streams) expect(await store.readStream(stream)).toHaveLength(2);
    });

    it('reads the whole log in position order from a position, with a limit', async () => {
      const start = (await store.lastPosition()) + 1;
      const a = uniqueStream();
      const b = uniqueStream();
      await store.append(a, events(2), { expectedRevision: 'no_stream' });
      await store.append(b, events(2), { expectedRevision: 'no_stream' });
      await store.append(a, events(1), { expectedRevision: 1 });
      const all = await store.readAll({ fromPosition: start, limit: 100 });
      expect(all.map((e) => e.streamId)).toEqual([a, a, b, b, a]);
      const positions = all.map((e) => e.position);
      expect([...positions].sort((x, y) => x - y)).toEqual(positions);
      const page = await store.readAll({ fromPosition: positions[1], limit: 2 });
      expect(page.map((e) => e.position)).toEqual(positions.slice(1, 3));
      expect(await store.lastPosition()).toBe(positions[4]);
    });

    it('reads the log as it was known at an instant', async () => {
      const start = (await store.lastPosition()) + 1;
      await store.append(uniqueStream(), events(2), { expectedRevision: 'no_stream' });
      const [first] = await store.readAll({ fromPosition: start, limit: 1 });
      const before = new Date(Date.parse(first.recordedAt) - 1000).toISOString();
      expect(await store.readAll({ fromPosition: start, limit: 10, recordedUpTo: before })).toEqual([]);
      const later = new Date(Date.parse(first.recordedAt) + 60_000).toISOString();
      expect(await store.readAll({ fromPosition: start, limit: 10, recordedUpTo: later })).toHaveLength(2);
    });

    it('records an idempotency key with the append and refuses it a second time', async () => {
      const stream = uniqueStream();
      const key = `key-${stream}`;
      await store.append(stream, events(1), { expectedRevision: 'no_stream', idempotency: { key, requestHash: 'h1' } });
      expect(await store.findIdempotency(key)).toEqual({ key, requestHash: 'h1', streamId: stream, revision: 0 });
      await expect(store.append(stream, events(1), { expectedRevision: 0, idempotency: { key, requestHash: 'h1' } })).rejects.toBeInstanceOf(
        DuplicateIdempotencyKey,
      );
      expect(await store.readStream(stream)).toHaveLength(1);
      expect(await store.findIdempotency('never-used')).toBeNull();
    });
  });
};
