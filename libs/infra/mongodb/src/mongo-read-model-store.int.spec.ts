import { aBatch, describeReadModelStoreContract, expectedAfter, normalise, nthBatch } from '@quotient/projection/testing';
import { describeWithServer } from '@quotient/test-servers';
import { InjectedCrash } from './mongo-batch-writes';
import type { MongoReadModelStore } from './mongo-read-model-store';
import { openMongoReadModelStore, type OpenMongoReadModelStoreOptions } from './open-mongo-read-model-store';

/** One database per run, one prefix (read-model version) per test: runs never see each other. */
const database = `quotient_test_${process.pid}_${Date.now()}`;
let versions = 0;

describeWithServer('mongo', 'MongoReadModelStore', (url) => {
  const open = (prefix: string, options: OpenMongoReadModelStoreOptions = {}) => openMongoReadModelStore(url(), { database, prefix, ...options });

  afterAll(async () => {
    const store = await open('cleanup_');
    await store.db.dropDatabase();
    await store.close();
  });

  describeReadModelStoreContract<MongoReadModelStore>('mongodb', async () => {
    const prefix = `c${++versions}_`;
    return {
      store: await open(prefix),
      reopen: () => open(prefix),
      failAfterWrites: (store, writes) => (store.failAfterWrites = writes),
      dispose: async () => {
        const store = await open(prefix);
        await store.dropVersion(prefix);
        await store.close();
      },
    };
    // Durability: MongoDB acknowledges each write as configured (no deferred mode here).
  }, { clear: true });

  describe('redo journal', () => {
    let prefix: string;
    const stores: MongoReadModelStore[] = [];
    const opened = async (options: OpenMongoReadModelStoreOptions = {}) => {
      const store = await open(prefix, options);
      stores.push(store);
      return store;
    };
    beforeEach(() => void (prefix = `j${++versions}_`));
    afterEach(async () => {
      for (const store of stores.splice(0)) await store.close();
    });

    it('applies, on reopening, a batch whose journal was written when the process crashed', async () => {
      const store = await opened();
      await store.commit(nthBatch(1));
      store.failAfterWrites = 1; // the journal document, nothing of the batch itself
      await expect(store.commit(nthBatch(2))).rejects.toBeInstanceOf(InjectedCrash);
      expect(await store.collections.journal.countDocuments()).toBe(1);
      expect(await store.collections.sums.findOne({ _id: 'won_deals|team:t2|2026' })).toBeNull();
      expect(await store.collections.checkpoints.findOne({ _id: 'customers' })).toBeNull();

      const restarted = await opened();
      expect(await store.collections.sums.findOne({ _id: 'won_deals|team:t2|2026' })).toEqual({ _id: 'won_deals|team:t2|2026', value: 2 });
      expect(normalise(await restarted.load())).toEqual(expectedAfter([nthBatch(1), nthBatch(2)]).state);
      expect((await restarted.history('win_rate', 'org', '2026-03')).map((c) => c.seq)).toEqual([3, 1]);
      expect(await restarted.collections.journal.countDocuments()).toBe(0);
    });

    it('splits a large batch into journal chunks that count only once the marker is written', async () => {
      const big = (n: number) => {
        const padding = 'x'.repeat(2000);
        return aBatch({ ...nthBatch(n), entities: Array.from({ length: 40 }, (_, i) => [`big:${i}`, { data: { n, padding }, entries: [] }] as const) });
      };
      const chunkBytes = 8 * 1024;
      const parts = Math.ceil(Buffer.byteLength(JSON.stringify(big(2))) / chunkBytes);
      expect(parts).toBeGreaterThan(5);
      const store = await opened({ journalChunkBytes: chunkBytes });
      await store.commit(big(1));

      store.failAfterWrites = parts; // every chunk, but not the marker: not committed
      await expect(store.commit(big(2))).rejects.toBeInstanceOf(InjectedCrash);
      expect(await store.collections.journal.countDocuments()).toBe(parts);
      const afterTornJournal = await opened({ journalChunkBytes: chunkBytes });
      expect(normalise(await afterTornJournal.load())).toEqual(expectedAfter([big(1)]).state);
      expect(await afterTornJournal.collections.journal.countDocuments()).toBe(0);

      afterTornJournal.failAfterWrites = parts + 1; // the marker too: committed
      await expect(afterTornJournal.commit(big(2))).rejects.toBeInstanceOf(InjectedCrash);
      const afterCommitPoint = await opened({ journalChunkBytes: chunkBytes });
      expect(normalise(await afterCommitPoint.load())).toEqual(expectedAfter([big(1), big(2)]).state);

      await afterCommitPoint.commit(big(3));
      expect(normalise(await afterCommitPoint.load())).toEqual(expectedAfter([big(1), big(2), big(3)]).state);
      expect(await afterCommitPoint.collections.journal.countDocuments()).toBe(0);
    });

    it('commits a batch larger than one MongoDB document (16 MB) through the default 12 MB chunks', async () => {
      const padding = 'y'.repeat(7000);
      const huge = aBatch({ ...nthBatch(1), entities: Array.from({ length: 2600 }, (_, i) => [`huge:${i}`, { data: { i, padding }, entries: [] }] as const) });
      expect(Buffer.byteLength(JSON.stringify(huge))).toBeGreaterThan(17 * 1024 * 1024);
      const store = await opened();
      store.failAfterWrites = 1; // the first chunk only
      await expect(store.commit(huge)).rejects.toBeInstanceOf(InjectedCrash);
      const restarted = await opened();
      expect(normalise(await restarted.load())).toEqual(expectedAfter([]).state);
      await restarted.commit(huge);
      expect(normalise(await restarted.load())).toEqual(expectedAfter([huge]).state);
    }, 120_000);
  });
});

describe('openMongoReadModelStore', () => {
  it('says clearly, and quickly, that no server answers', async () => {
    const started = Date.now();
    await expect(openMongoReadModelStore('mongodb://user:secret@127.0.0.1:1/x', { serverSelectionTimeoutMS: 300 })).rejects.toThrow(
      /^MongoDB at mongodb:\/\/user:\*\*\*@127\.0\.0\.1:1\/x is not reachable: .+/,
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
