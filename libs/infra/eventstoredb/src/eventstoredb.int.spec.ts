import type { EventStoreDBClient } from '@eventstore/db-client';
import { describeCheckpointContract, describeEventStoreContract, describeSubscriptionContract, events, uniqueStream } from '@quotient/eventsourcing/testing';
import { EventEnvelope, InvalidInput } from '@quotient/kernel';
import { describeWithServer } from '@quotient/test-servers';
import { EventStoreDbCheckpointStore } from './eventstoredb-checkpoint-store';
import { openEventStoreDb } from './eventstoredb-connection';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { esdbPositionOf } from './eventstoredb-mapping';
import { EventStoreDbSubscription } from './eventstoredb-subscription';

/** The contract fixtures write streams `test.thing-<uuid>`. */
const streamPrefix = 'test.';

describeWithServer('eventstore', 'EventStoreDB / KurrentDB adapter', (url) => {
  let client: EventStoreDBClient;
  beforeAll(async () => {
    // A container's port opens before the node is ready to serve: wait for a real answer.
    client = await openEventStoreDb(url(), { waitMs: 60_000 });
  }, 90_000);
  afterAll(async () => client?.dispose());

  const store = () => new EventStoreDbEventStore(client, { streamPrefix });

  describeEventStoreContract('eventstoredb', async () => ({ store: store() }));
  describeSubscriptionContract('eventstoredb', async () => ({ store: store(), subscription: new EventStoreDbSubscription(client, { streamPrefix, retryDelayMs: 100 }) }));
  describeCheckpointContract('eventstoredb', async () => ({ checkpoints: new EventStoreDbCheckpointStore(client, { streamPrefix }) }));

  // What eventstoredb-mapping.ts assumes of the server, checked against it.
  describe('position mapping on a real server', () => {
    it('gives each event of one append its own position, the same in stream reads, $all and subscriptions', async () => {
      const s = store();
      const { events: written } = await s.append(uniqueStream(), events(3), { expectedRevision: 'no_stream' });
      const positions = written.map((e) => e.position);
      expect(new Set(positions).size).toBe(3);
      expect((await s.readAll({ fromPosition: positions[0], limit: 3 })).map((e) => e.position)).toEqual(positions);
      const [atOffset] = await client.readAll({ fromPosition: esdbPositionOf(BigInt(positions[1] / 2)), maxCount: 1 }).toArray();
      expect(atOffset.event?.id).toBe(written[1].id);
      const seen: EventEnvelope[] = [];
      const handle = new EventStoreDbSubscription(client, { streamPrefix }).subscribe({ after: positions[0], onBatch: async (b) => void seen.push(...b) });
      await handle.caughtUp;
      await handle.stop();
      expect(seen.map((e) => e.position)).toEqual(positions.slice(1));
    });

    it('refuses a position that names no event', async () => {
      const s = store();
      const [written] = (await s.append(uniqueStream(), events(1), { expectedRevision: 'no_stream' })).events;
      await expect(s.readAll({ fromPosition: written.position + 2, limit: 1 })).rejects.toBeInstanceOf(InvalidInput);
    });
  });
});
