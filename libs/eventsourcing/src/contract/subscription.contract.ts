import type { EventEnvelope } from '@quotient/kernel';
import type { EventStore } from '../event-store.port';
import type { EventSubscription } from '../subscription.port';
import { events, uniqueStream } from './fixtures';

export interface SubscriptionFixture {
  readonly store: EventStore;
  readonly subscription: EventSubscription;
  readonly dispose?: () => Promise<void>;
}

const waitFor = async (condition: () => boolean, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

/** The behaviour every EventSubscription adapter must show. */
export const describeSubscriptionContract = (name: string, open: () => Promise<SubscriptionFixture>) => {
  describe(`EventSubscription contract: ${name}`, () => {
    let fixture: SubscriptionFixture;
    beforeEach(async () => {
      fixture = await open();
    });
    afterEach(async () => {
      await fixture.store.close();
      await fixture.dispose?.();
    });

    it('delivers the log after a position in order, then signals caught-up', async () => {
      const { store, subscription } = fixture;
      const start = (await store.lastPosition()) + 1;
      await store.append(uniqueStream(), events(5), { expectedRevision: 'no_stream' });
      await store.append(uniqueStream(), events(5), { expectedRevision: 'no_stream' });
      // Positions increase along the log but need not be consecutive (EventStoreDB's are not).
      const log = (await store.readAll({ fromPosition: start, limit: 100 })).map((e) => e.position);
      const seen: EventEnvelope[] = [];
      const caughtUpAt: number[] = [];
      const handle = subscription.subscribe({
        after: log[1],
        batchSize: 3,
        onBatch: async (batch) => {
          expect(batch.length).toBeLessThanOrEqual(3);
          seen.push(...batch);
        },
        onCaughtUp: (position) => caughtUpAt.push(position),
      });
      await handle.caughtUp;
      await handle.stop();
      expect(seen.map((e) => e.position)).toEqual(log.slice(2));
      expect(caughtUpAt[0]).toBe(log[9]);
    });

    it('follows events appended after it caught up', async () => {
      const { store, subscription } = fixture;
      const seen: EventEnvelope[] = [];
      const handle = subscription.subscribe({ after: await store.lastPosition(), onBatch: async (batch) => void seen.push(...batch) });
      await handle.caughtUp;
      const stream = uniqueStream();
      await store.append(stream, events(2), { expectedRevision: 'no_stream' });
      await store.append(stream, events(1), { expectedRevision: 1 });
      await waitFor(() => seen.length === 3);
      await handle.stop();
      expect(seen.map((e) => e.revision)).toEqual([0, 1, 2]);
    });

    it('waits for a batch to be handled before delivering the next', async () => {
      const { store, subscription } = fixture;
      const start = await store.lastPosition();
      await store.append(uniqueStream(), events(6), { expectedRevision: 'no_stream' });
      let inFlight = 0;
      let maxInFlight = 0;
      let delivered = 0;
      const handle = subscription.subscribe({
        after: start,
        batchSize: 2,
        onBatch: async (batch) => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await new Promise((resolve) => setTimeout(resolve, 10));
          delivered += batch.length;
          inFlight--;
        },
      });
      await handle.caughtUp;
      await handle.stop();
      expect(delivered).toBe(6);
      expect(maxInFlight).toBe(1);
    });

    it('delivers nothing after it is stopped', async () => {
      const { store, subscription } = fixture;
      let delivered = 0;
      const handle = subscription.subscribe({ after: await store.lastPosition(), onBatch: async (b) => void (delivered += b.length) });
      await handle.caughtUp;
      await handle.stop();
      await store.append(uniqueStream(), events(2), { expectedRevision: 'no_stream' });
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(delivered).toBe(0);
    });
  });
};
