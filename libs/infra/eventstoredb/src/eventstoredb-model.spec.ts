import { describeCheckpointContract, describeEventStoreContract, events, uniqueStream } from '@quotient/eventsourcing/testing';
import { ConcurrencyConflict, EventEnvelope, InvalidInput } from '@quotient/kernel';
import { EventStoreDbCheckpointStore } from './eventstoredb-checkpoint-store';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { EventStoreDbSubscription } from './eventstoredb-subscription';
import { EventStoreDbModel } from './testing/eventstoredb-model';

/*
 * The adapter's own logic (paging and filtering `$all`, position anchors, idempotency claims,
 * batching, catch-up) against an in-memory model of the server. The same contract suites run
 * against a real server in eventstoredb.int.spec.ts.
 */
const streamPrefix = 'test.';
const open = () => {
  const model = new EventStoreDbModel();
  return { model, store: new EventStoreDbEventStore(model.client, { streamPrefix }) };
};

describeEventStoreContract('eventstoredb (server model)', async () => open());

describeCheckpointContract('eventstoredb (server model)', async () => ({ checkpoints: new EventStoreDbCheckpointStore(new EventStoreDbModel().client, { streamPrefix }) }));

const waitFor = async (condition: () => boolean) => {
  const deadline = Date.now() + 3000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('EventStoreDbEventStore specifics (server model)', () => {
  it('reads only its own streams, past system events, other services and its bookkeeping, across pages', async () => {
    const { model, store } = open();
    const start = (await store.lastPosition()) + 1;
    const mine = uniqueStream();
    await store.append(mine, events(1), { expectedRevision: 'no_stream', idempotency: { key: 'k', requestHash: 'h' } });
    for (let i = 0; i < 150; i++) model.record(`other.thing-${i}`, 'other.Happened', { i });
    await new EventStoreDbCheckpointStore(model.client, { streamPrefix }).save('relay', 1);
    await store.append(mine, events(1), { expectedRevision: 0 });
    const read = await store.readAll({ fromPosition: start, limit: 10 });
    expect(read.map((e) => [e.streamId, e.revision])).toEqual([
      [mine, 0],
      [mine, 1],
    ]);
    expect(await store.lastPosition()).toBe(read[1].position);
    expect(await store.readAll({ fromPosition: read[1].position + 1, limit: 10 })).toEqual([]);
  });

  it('refuses a position that names no event of the log', async () => {
    const { store } = open();
    const [written] = (await store.append(uniqueStream(), events(1), { expectedRevision: 'no_stream' })).events;
    await expect(store.readAll({ fromPosition: written.position + 2, limit: 1 })).rejects.toBeInstanceOf(InvalidInput);
    await expect(store.readAll({ fromPosition: written.position + 10_000, limit: 1 })).rejects.toBeInstanceOf(InvalidInput);
  });

  it('lets a key whose append failed be used again, and only once', async () => {
    const { store } = open();
    const stream = uniqueStream();
    await store.append(stream, events(1), { expectedRevision: 'no_stream' });
    const idempotency = { key: `retry-${stream}`, requestHash: 'h' };
    await expect(store.append(stream, events(1), { expectedRevision: 5, idempotency })).rejects.toBeInstanceOf(ConcurrencyConflict);
    expect(await store.findIdempotency(idempotency.key)).toBeNull();
    await store.append(stream, events(2), { expectedRevision: 0, idempotency });
    expect(await store.findIdempotency(idempotency.key)).toEqual({ ...idempotency, streamId: stream, revision: 2 });
    await store.append(uniqueStream(), events(1), { expectedRevision: 'any', idempotency: { key: 'any-rev', requestHash: 'h' } });
    expect(await store.findIdempotency('any-rev')).toMatchObject({ revision: 0 });
  });

  it('refuses to write outside its prefix', async () => {
    await expect(open().store.append('other.thing-1', events(1), { expectedRevision: 'any' })).rejects.toThrow(/outside this store's prefix/);
  });
});

describe('EventStoreDbSubscription (server model)', () => {
  const subscribeAll = (model: EventStoreDbModel) => new EventStoreDbSubscription(model.client, { streamPrefix, retryDelayMs: 20 });

  it('delivers the log after a position in batches, in order, then signals caught-up at the last event', async () => {
    const { model, store } = open();
    const written = [
      ...(await store.append(uniqueStream(), events(5), { expectedRevision: 'no_stream' })).events,
      ...(await store.append(uniqueStream(), events(5), { expectedRevision: 'no_stream' })).events,
    ];
    model.record('other.thing-1', 'other.Happened', {});
    const seen: EventEnvelope[] = [];
    const caughtUpAt: number[] = [];
    const handle = subscribeAll(model).subscribe({
      after: written[1].position,
      batchSize: 3,
      onBatch: async (batch) => {
        expect(batch.length).toBeLessThanOrEqual(3);
        seen.push(...batch);
      },
      onCaughtUp: (position) => caughtUpAt.push(position),
    });
    await handle.caughtUp;
    await handle.stop();
    expect(seen.map((e) => e.position)).toEqual(written.slice(2).map((e) => e.position));
    expect(caughtUpAt[0]).toBe(written[9].position);
  });

  it('follows new events, one batch at a time, and delivers nothing once stopped', async () => {
    const { model, store } = open();
    const seen: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const handle = subscribeAll(model).subscribe({
      after: await store.lastPosition(),
      batchSize: 2,
      onBatch: async (batch) => {
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        seen.push(...batch.map((e) => e.revision));
        inFlight--;
      },
    });
    await handle.caughtUp;
    const stream = uniqueStream();
    await store.append(stream, events(5), { expectedRevision: 'no_stream' });
    await waitFor(() => seen.length === 5);
    await handle.stop();
    await store.append(stream, events(1), { expectedRevision: 4 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(maxInFlight).toBe(1);
  });

  it('redelivers a batch whose handler failed, and reports the error', async () => {
    const { model, store } = open();
    await store.append(uniqueStream(), events(2), { expectedRevision: 'no_stream' });
    const errors: unknown[] = [];
    const seen: number[] = [];
    const handle = subscribeAll(model).subscribe({
      after: 0,
      onBatch: async (batch) => {
        if (errors.length === 0) throw new Error('read model down');
        seen.push(...batch.map((e) => e.revision));
      },
      onError: (error) => errors.push(error),
    });
    await handle.caughtUp;
    await handle.stop();
    expect(errors).toHaveLength(1);
    expect(seen).toEqual([0, 1]);
  });

  it('reports a start position that names no event instead of waiting silently', async () => {
    const { model, store } = open();
    const [written] = (await store.append(uniqueStream(), events(1), { expectedRevision: 'no_stream' })).events;
    const errors: unknown[] = [];
    const handle = subscribeAll(model).subscribe({ after: written.position + 2, onBatch: async () => undefined, onError: (e) => errors.push(e) });
    await waitFor(() => errors.length > 0);
    await handle.stop();
    expect(errors[0]).toBeInstanceOf(InvalidInput);
  });
});
