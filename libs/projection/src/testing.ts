import type { EntityRecord } from '@quotient/metrics';
import type { DeadLetter, ProjectionCounters, ReadModelBatch, ReadModelSnapshot, ReadModelStore, StoredMetricChange, StoredMetricValue } from './read-model.port';

/** What an adapter hands the contract suite. The suite closes every store it gets; `dispose` removes the storage. */
export interface ReadModelStoreFixture<S extends ReadModelStore = ReadModelStore> {
  readonly store: S;
  /** A new instance on the same storage, as after a restart. */
  readonly reopen?: () => Promise<S>;
  /** Arms a crash: the next `commit` of `store` throws after `writes` low-level writes, as a dying process would stop. */
  readonly failAfterWrites?: (store: S, writes: number) => void;
  readonly dispose?: () => Promise<void>;
}

const ZERO: ProjectionCounters = { eventsApplied: 0, duplicatesSkipped: 0, deadLettered: 0, changesRecorded: 0 };
const dayOf = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);

export const aBatch = (parts: Partial<ReadModelBatch> = {}): ReadModelBatch => ({
  sums: [], levels: [], entities: [], streams: [], checkpoints: {}, clock: '', counters: ZERO, metricValues: [], removedValues: [], changes: [], deadLetters: [], ...parts,
});

export const aMetricValue = (metric: string, scope: string, period: string, value: number | null, position: number): StoredMetricValue => ({
  metric, scope, period, value, unit: 'ratio', position, source: 'deals', updatedAt: `${dayOf(position)}T10:00:00.000Z`,
  inputs: value === null ? { won: 0, lost: 0, reason: 'denominator is zero' } : { won: value, peers: ['team:a', 'team:b'], nested: { 'key.with.dots': 1, $odd: null } },
});

export const aMetricChange = (seq: number, v: StoredMetricValue, previousValue: number | null): StoredMetricChange => ({
  seq, metric: v.metric, scope: v.scope, period: v.period, value: v.value, previousValue, unit: v.unit, inputs: v.inputs,
  causedBy: { eventId: `evt-${seq}`, streamId: 'deals.deal-1', revision: seq }, position: v.position, occurredAt: v.updatedAt,
});

export const aDeadLetter = (eventId: string, position: number): DeadLetter => ({
  source: 'deals', eventId, streamId: `deals.deal-${eventId}`, revision: 0, position, type: 'deals.DealWon',
  reason: 'invalid event: amount: expected number', recordedAt: '2026-03-01T10:00:00.000Z', payload: { amount: 'lots', note: '销售 ✓' },
});

const anEntity = (n: number): EntityRecord => ({
  data: { stage: n % 2 ? 'won' : 'open', amount: n * 10.5, 'owner.rep': `rep-${n}`, tags: ['a', '销售'] },
  entries: [
    { kind: 'sum', counter: 'won_revenue', scope: 'org', delta: n * 10.5, at: `${dayOf(n)}T10:00:00.000Z` },
    { kind: 'level', counter: 'open_deals', scope: 'team:a', delta: -1, day: dayOf(n) },
  ],
});

/**
 * The n-th batch (1-based) of a run: overwrites part of what earlier batches wrote, deletes a
 * level, adds history; every third (from the second) drops the other team's value and one never stored.
 */
export const nthBatch = (n: number): ReadModelBatch => {
  const rate = aMetricValue('win_rate', 'org', '2026-03', n % 3 === 0 ? null : n / 10, n);
  const revenue = aMetricValue('revenue', `team:t${n % 2}`, '2026-Q1', n * 100, n);
  return aBatch({
    sums: [['won_revenue|org|2026-03', n * 100.25], [`won_deals|team:t${n}|2026`, n], ['lost_deals|org|2026', n % 2]],
    levels: [['open_deals|org', dayOf(n), n], ['open_deals|org', dayOf(n - 1), 0], ['headcount|team:a', dayOf(n), -n]],
    entities: [[`deal:${n}`, anEntity(n)], ['deal:0', anEntity(n)]],
    streams: [[`deals.deal-${n}`, 0], ['deals.deal-0', n]],
    checkpoints: n % 2 ? { deals: n * 10 } : { deals: n * 10, customers: n },
    clock: `${dayOf(n)}T10:00:00.000Z`,
    counters: { eventsApplied: n * 10, duplicatesSkipped: n, deadLettered: n, changesRecorded: 2 * n },
    metricValues: [rate, revenue],
    removedValues: n % 3 === 2 ? [['revenue', `team:t${(n + 1) % 2}`, '2026-Q1'], ['win_rate', 'rep:never', '2026-03']] : [],
    changes: [aMetricChange(2 * n - 1, rate, null), aMetricChange(2 * n, revenue, (n - 2) * 100)],
    deadLetters: [aDeadLetter(`dead-${n}`, n * 10)],
  });
};

const sortBy = <T>(rows: Iterable<T>, key: (row: T) => string): T[] => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

/** A snapshot in a comparable form: every collection sorted by its key. */
export const normalise = (s: ReadModelSnapshot) => ({
  sums: sortBy(s.sums, ([key]) => key),
  levels: sortBy(s.levels, ([series, day]) => `${series}\u0000${day}`),
  // As plain records (a store may give records whose entries are built when read).
  entities: sortBy(s.entities, ([key]) => key).map(([key, record]) => [key, { data: record.data, entries: record.entries }] as const),
  streams: sortBy(s.streams, ([stream]) => stream),
  checkpoints: { ...s.checkpoints },
  clock: s.clock,
  counters: { ...s.counters },
  metricValues: sortBy(s.metricValues, (v) => `${v.metric}|${v.scope}|${v.period}`),
});

/** What a store must show after committing these batches in order: the port's semantics in one fold. */
export const expectedAfter = (batches: readonly ReadModelBatch[]) => {
  const sums = new Map<string, number>();
  const levels = new Map<string, readonly [string, string, number]>();
  const entities = new Map<string, EntityRecord>();
  const streams = new Map<string, number>();
  const values = new Map<string, StoredMetricValue>();
  const changes = new Map<number, StoredMetricChange>();
  const letters = new Map<string, DeadLetter>(); // a redelivered letter keeps its place
  let checkpoints: Record<string, number> = {};
  let clock = '';
  let counters = ZERO;
  for (const b of batches) {
    for (const [key, value] of b.sums) sums.set(key, value);
    for (const level of b.levels) {
      const key = `${level[0]}\u0000${level[1]}`;
      if (level[2] === 0) levels.delete(key);
      else levels.set(key, level);
    }
    for (const [key, record] of b.entities) entities.set(key, record);
    for (const [stream, revision] of b.streams) streams.set(stream, revision);
    for (const v of b.metricValues) values.set(`${v.metric}|${v.scope}|${v.period}`, v);
    for (const [metric, scope, period] of b.removedValues) values.delete(`${metric}|${scope}|${period}`);
    for (const c of b.changes) changes.set(c.seq, c);
    for (const d of b.deadLetters) letters.set(`${d.source}|${d.eventId}`, d);
    checkpoints = { ...checkpoints, ...b.checkpoints };
    ({ clock, counters } = b);
  }
  const snapshot: ReadModelSnapshot = { sums, levels: levels.values(), entities, streams, checkpoints, clock, counters, metricValues: values.values() };
  return { state: normalise(snapshot), changes: sortBy(changes.values(), (c) => String(c.seq).padStart(12, '0')), deadLetters: [...letters.values()].reverse() };
};

/** Everything `store` shows, to compare with `expectedAfter`. */
const observe = async (store: ReadModelStore) => ({
  state: normalise(await store.load()),
  changes: await store.changesAfter(0, 100_000),
  deadLetters: await store.deadLetters(100_000),
});

/** The optional methods of the port an adapter implements: their part of the contract runs for it. */
export interface ReadModelStoreCapabilities {
  readonly durability?: boolean;
  readonly clear?: boolean;
}

/** The behaviour every ReadModelStore adapter must show (read-model.port.ts). */
export const describeReadModelStoreContract = <S extends ReadModelStore>(name: string, open: () => Promise<ReadModelStoreFixture<S>>, capabilities: ReadModelStoreCapabilities = {}) => {
  describe(`ReadModelStore contract: ${name}`, () => {
    let fixture: ReadModelStoreFixture<S>;
    let stores: ReadModelStore[];
    const using = <T extends ReadModelStore>(store: T): T => (stores.push(store), store);
    const commitAll = async (store: ReadModelStore, batches: readonly ReadModelBatch[]) => {
      for (const batch of batches) await store.commit(batch);
    };

    beforeEach(async () => {
      fixture = await open();
      stores = [fixture.store];
    });
    afterEach(async () => {
      for (const store of stores) await store.close();
      await fixture.dispose?.();
    });

    it('loads an empty state from empty storage', async () => {
      expect(await observe(fixture.store)).toEqual(expectedAfter([]));
      expect(await fixture.store.history('win_rate', 'org', '2026-03')).toEqual([]);
      expect(normalise(await fixture.store.load())).toMatchObject({ clock: '', counters: ZERO, checkpoints: {} });
    });

    it('round-trips every part of a committed batch', async () => {
      const batch = nthBatch(3); // a null value, a level deleted that never existed, both checkpoints
      await fixture.store.commit(batch);
      expect(await observe(fixture.store)).toEqual(expectedAfter([batch]));
    });

    it('lets later commits overwrite earlier values, removes levels back to 0 and removed values, and keeps other checkpoints', async () => {
      const batches = [1, 2, 3, 4, 5].map(nthBatch);
      await commitAll(fixture.store, batches.slice(0, 1));
      expect((await fixture.store.load()).metricValues).toContainEqual(expect.objectContaining({ metric: 'revenue', scope: 'team:t1' }));
      await commitAll(fixture.store, batches.slice(1));
      const expected = expectedAfter(batches);
      expect(await observe(fixture.store)).toEqual(expected);
      expect(expected.state.metricValues.map((v) => `${v.metric}|${v.scope}`)).toEqual(['revenue|team:t1', 'win_rate|org']); // team:t0's of batch 4 went with batch 5
      expect(expected.state.levels.filter(([series]) => series === 'open_deals|org')).toEqual([['open_deals|org', dayOf(5), 5]]);
      expect(expected.state.checkpoints).toEqual({ deals: 50, customers: 4 });
    });

    it('answers history newest first, changesAfter ascending, dead letters newest first, each with its limit', async () => {
      await commitAll(fixture.store, [1, 2, 3, 4].map(nthBatch));
      const seqs = (changes: StoredMetricChange[]) => changes.map((c) => c.seq);
      expect(seqs(await fixture.store.history('win_rate', 'org', '2026-03'))).toEqual([7, 5, 3, 1]);
      expect(seqs(await fixture.store.history('win_rate', 'org', '2026-03', 2))).toEqual([7, 5]);
      expect(await fixture.store.history('win_rate', 'org', '2026-03', 1)).toEqual([nthBatch(4).changes[0]]);
      expect(seqs(await fixture.store.history('revenue', 'team:t0', '2026-Q1'))).toEqual([8, 4]);
      expect(seqs(await fixture.store.changesAfter(3, 3))).toEqual([4, 5, 6]);
      expect(seqs(await fixture.store.changesAfter(8, 10))).toEqual([]);
      expect((await fixture.store.deadLetters(3)).map((d) => d.eventId)).toEqual(['dead-4', 'dead-3', 'dead-2']);
    });

    it('shows a new instance on the same storage the committed state, and goes on from there', async () => {
      if (!fixture.reopen) return;
      await commitAll(fixture.store, [nthBatch(1), nthBatch(2)]);
      await fixture.store.close();
      const reopened = using(await fixture.reopen());
      expect(await observe(reopened)).toEqual(expectedAfter([nthBatch(1), nthBatch(2)]));
      await reopened.commit(nthBatch(3));
      expect(await observe(reopened)).toEqual(expectedAfter([1, 2, 3].map(nthBatch)));
    });

    /** The part of the contract for an optional method: registered only for adapters that implement it. */
    const ifCapable = (capable: boolean | undefined) => (title: string, test: () => Promise<void>) => {
      if (capable) it(title, test);
    };

    ifCapable(capabilities.durability)('commits and loads the same while durability is deferred, and goes on after it is made immediate', async () => {
      const { store } = fixture;
      if (!store.durability) throw new Error(`${name} declares durability but has no durability()`);
      await store.durability('deferred');
      await commitAll(store, [nthBatch(1), nthBatch(2)]);
      expect(await observe(store)).toEqual(expectedAfter([nthBatch(1), nthBatch(2)]));
      await store.durability('immediate');
      await store.commit(nthBatch(3));
      expect(await observe(store)).toEqual(expectedAfter([1, 2, 3].map(nthBatch)));
      if (!fixture.reopen) return;
      await store.close();
      const reopened = using(await fixture.reopen());
      expect(await observe(reopened)).toEqual(expectedAfter([1, 2, 3].map(nthBatch)));
    });

    ifCapable(capabilities.clear)('clears to a new store\'s state, and goes on from there', async () => {
      const { store } = fixture;
      if (!store.clear) throw new Error(`${name} declares clear but has no clear()`);
      await commitAll(store, [nthBatch(1), nthBatch(2)]);
      await store.clear();
      expect(await observe(store)).toEqual(expectedAfter([]));
      await store.commit(nthBatch(3));
      expect(await observe(store)).toEqual(expectedAfter([nthBatch(3)]));
    });

    it('leaves the same state, without duplicate history, when a batch is committed twice', async () => {
      await commitAll(fixture.store, [nthBatch(1), nthBatch(2), nthBatch(2)]);
      expect(await observe(fixture.store)).toEqual(expectedAfter([nthBatch(1), nthBatch(2)]));
      expect((await fixture.store.history('win_rate', 'org', '2026-03')).map((c) => c.seq)).toEqual([3, 1]);
    });

    it('commits a batch all or nothing, whichever write a crash interrupts, and a retried commit then succeeds', async () => {
      const { reopen, failAfterWrites } = fixture;
      if (!reopen || !failAfterWrites) return;
      let store: S = fixture.store;
      const committed = [nthBatch(1)];
      await store.commit(committed[0]);
      for (let writes = 0; ; writes++) {
        const batch = nthBatch(committed.length + 1);
        const before = expectedAfter(committed);
        const after = expectedAfter([...committed, batch]);
        failAfterWrites(store, writes);
        const crashed = await store.commit(batch).then(() => false, () => true);
        await store.close();
        store = using(await reopen());
        const seen = await observe(store);
        if (writes === 0) expect(seen).toEqual(before); // nothing was written: the batch cannot be there
        else expect([before, after]).toContainEqual(seen); // never half a batch
        await store.commit(batch); // the retry (or a redelivery, if the crash came after the commit point)
        committed.push(batch);
        expect(await observe(store)).toEqual(after);
        if (!crashed) break;
        if (writes > 1000) throw new Error('the fault hook never let a commit through');
      }
      expect(committed.length).toBeGreaterThan(3);
    }, 120_000);
  });
};
export * from './test-history';
