import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { aBatch, aMetricChange, aMetricValue, describeReadModelStoreContract } from '@quotient/projection/testing';
import { HISTORY_BOUNDS } from './read-model-writer';
import { openSqliteReadModelStore, SqliteReadModelStore } from './sqlite-read-model-store';

describeReadModelStoreContract<SqliteReadModelStore>('sqlite (file)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'quotient-read-models-'));
  const path = join(dir, 'read-models.db');
  return {
    store: openSqliteReadModelStore(path),
    reopen: async () => openSqliteReadModelStore(path),
    failAfterWrites: (store, writes) => (store.failAfterWrites = writes),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}, { durability: true, clear: true });

// Every commit through the writer thread (a catch-up's and a rebuild's big commits take this path).
describeReadModelStoreContract<SqliteReadModelStore>('sqlite (file, commits on the writer thread)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'quotient-read-models-'));
  const path = join(dir, 'read-models.db');
  return {
    store: openSqliteReadModelStore(path, { offloadRows: 0 }),
    reopen: async () => openSqliteReadModelStore(path, { offloadRows: 0 }),
    failAfterWrites: (store, writes) => (store.failAfterWrites = writes),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}, { durability: true, clear: true });

describeReadModelStoreContract('sqlite (:memory:)', async () => ({ store: openSqliteReadModelStore(':memory:') }), { durability: true, clear: true });

describe('sqlite read-model store: a catch-up-sized history batch', () => {
  // A catch-up or rebuild commits one change per value in one batch; the store rebuilds the
  // history index for it instead of updating it row by row. What is read back must not differ.
  const valueOf = (i: number) => aMetricValue(`metric_${i % 7}`, `rep:r-${i % 50}`, `2026-0${1 + (i % 9)}`, i, i);
  const changesFrom = (first: number, count: number) => Array.from({ length: count }, (_, k) => aMetricChange(first + k, valueOf(first + k), null));
  const indexSql = (path: string) => {
    const db = new DatabaseSync(path, { readOnly: true });
    try {
      return (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'metric_changes_by_value'").get() as { sql: string } | undefined)?.sql ?? null;
    } finally {
      db.close();
    }
  };
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'quotient-read-models-'));
    path = join(dir, 'read-models.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('answers history and changesAfter as row-by-row inserts would, and keeps the index', async () => {
    const store = openSqliteReadModelStore(path);
    const indexBefore = indexSql(path);
    await store.commit(aBatch({ changes: changesFrom(1, 3) }));
    await store.commit(aBatch({ changes: changesFrom(4, 25_000) })); // bulk: more than the 3 held
    await store.commit(aBatch({ changes: changesFrom(25_004, 2) })); // small, after it
    const target = valueOf(25_004);
    const expected = [...changesFrom(1, 25_005)].filter((c) => c.metric === target.metric && c.scope === target.scope && c.period === target.period).reverse();
    expect(expected.length).toBeGreaterThan(1);
    expect(await store.history(target.metric, target.scope, target.period)).toEqual(expected);
    expect((await store.changesAfter(24_990, 100)).map((c) => c.seq)).toEqual(Array.from({ length: 15 }, (_, k) => 24_991 + k));
    await store.close();
    expect(indexSql(path)).toBe(indexBefore);
    expect(indexBefore).toContain('(seq >> 13, metric, scope, period, seq)');
  });

  it('reads a history that spans partitions of the index newest first, and stops at the limit', async () => {
    const store = openSqliteReadModelStore(path);
    // One value changed by every 7th change: 20,000 changes reach three partitions of 8,192.
    const value = (seq: number) => (seq % 7 === 0 ? aMetricValue('win_rate', 'org', '2026-Q1', seq, seq) : aMetricValue('avg_deal_size', `rep:r-${seq % 50}`, '2026-Q1', seq, seq));
    for (let first = 1; first <= 20_000; first += 1_000) await store.commit(aBatch({ changes: Array.from({ length: 1_000 }, (_, k) => aMetricChange(first + k, value(first + k), null)) }));
    const all = Array.from({ length: Math.floor(20_000 / 7) }, (_, k) => 20_000 - (20_000 % 7) - 7 * k);
    expect((await store.history('win_rate', 'org', '2026-Q1', 5_000)).map((c) => c.seq)).toEqual(all);
    // 1,200 newest: from the third partition (16,384–20,000: 517 changes) into the second and further
    expect((await store.history('win_rate', 'org', '2026-Q1', 1_200)).map((c) => c.seq)).toEqual(all.slice(0, 1_200));
    expect((await store.history('win_rate', 'org', '2026-Q1', 3)).map((c) => c.seq)).toEqual(all.slice(0, 3));
    expect(await store.history('win_rate', 'org', '2026-Q2')).toEqual([]);
    await store.close();
  });

  it("finds the history's bounds (every commit asks) with a seek at each end, not a scan of the history", async () => {
    const store = openSqliteReadModelStore(path);
    await store.commit(aBatch({ changes: changesFrom(1, 30) }));
    await store.close();
    const db = new DatabaseSync(path, { readOnly: true });
    const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT ${HISTORY_BOUNDS}`).all() as Array<{ detail: string }>).map((row) => row.detail);
    expect(db.prepare(`SELECT ${HISTORY_BOUNDS}`).get()).toEqual({ first: 1, last: 30 });
    db.close();
    expect(plan.filter((step) => step.includes('metric_changes'))).toEqual(['SEARCH metric_changes', 'SEARCH metric_changes']);
  });

  it('reads the history of seqs beyond 32 bits (partitions are counted in 64-bit integers, as SQLite does)', async () => {
    const store = openSqliteReadModelStore(path);
    const first = 2 ** 33 - 3; // the last partition below 2^33 and the first above it
    const changes = Array.from({ length: 6 }, (_, k) => aMetricChange(first + k, aMetricValue('win_rate', 'org', '2026-Q1', k, k), null));
    await store.commit(aBatch({ changes }));
    expect((await store.history('win_rate', 'org', '2026-Q1')).map((c) => c.seq)).toEqual(changes.map((c) => c.seq).reverse());
    await store.close();
  });

  it('replaces a history index of the layout led by the value (files written before it was partitioned)', async () => {
    const store = openSqliteReadModelStore(path);
    await store.commit(aBatch({ changes: changesFrom(1, 30) }));
    await store.close();
    const old = new DatabaseSync(path);
    old.exec('DROP INDEX metric_changes_by_value; CREATE INDEX metric_changes_by_value ON metric_changes (metric, scope, period, seq)');
    old.close();
    const reopened = openSqliteReadModelStore(path);
    expect(indexSql(path)).toContain('(seq >> 13, metric, scope, period, seq)');
    const target = valueOf(3);
    expect(await reopened.history(target.metric, target.scope, target.period)).toEqual(changesFrom(1, 30).filter((c) => c.metric === target.metric && c.scope === target.scope && c.period === target.period).reverse());
    await reopened.close();
  });

  it("copies another read model's history with its sequence numbers (a rebuild taking over), in slices the event loop runs between", async () => {
    const replaced = openSqliteReadModelStore(path);
    const next = openSqliteReadModelStore(join(dir, 'next.db'));
    await replaced.commit(aBatch({ changes: changesFrom(1, 60_000) }));
    let turns = 0;
    let beating = true;
    const beat = () => void (beating && (turns++, setImmediate(beat)));
    setImmediate(beat);
    expect(await next.copyHistoryFrom(replaced, 0)).toBe(60_000);
    beating = false;
    expect(turns).toBeGreaterThanOrEqual(5); // 60k rows: six slices (of 10k), a turn between each
    await replaced.commit(aBatch({ changes: changesFrom(60_001, 5) })); // the replaced version went on meanwhile
    expect(await next.copyHistoryFrom(replaced, 60_000)).toBe(60_005);
    expect(await next.copyHistoryFrom(replaced, 60_005)).toBe(60_005); // nothing more: the seq it was given
    expect((await next.changesAfter(0, 70_000)).map((c) => c.seq)).toEqual(Array.from({ length: 60_005 }, (_, k) => k + 1));
    expect(await next.changesAfter(49_990, 20)).toEqual(await replaced.changesAfter(49_990, 20)); // across a slice boundary
    expect(await next.changesAfter(59_995, 20)).toEqual(await replaced.changesAfter(59_995, 20));
    const target = valueOf(60_003);
    expect(await next.history(target.metric, target.scope, target.period)).toEqual(await replaced.history(target.metric, target.scope, target.period));
    // Another kind of store is copied through the port instead.
    expect(await next.copyHistoryFrom({ changesAfter: async () => [] } as never, 0)).toBeNull();
    await replaced.close();
    await next.close();
    expect(indexSql(join(dir, 'next.db'))).toBe(indexSql(path));
  });

  it('encodes a big commit a part at a time with turns of the event loop between, and applies commits in the order they were made', async () => {
    const store = openSqliteReadModelStore(path);
    const sums = Array.from({ length: 60_000 }, (_, k) => [`won|rep:r-${k}|2026-01`, k] as const);
    let turns = 0;
    let beating = true;
    const beat = () => void (beating && (turns++, setImmediate(beat)));
    setImmediate(beat);
    // Big (the writer thread), then small (this thread) and big again on the same keys, none awaited before the next.
    const big = store.commit(aBatch({ sums, checkpoints: { deals: 1 } }));
    const small = store.commit(aBatch({ sums: [['won|rep:r-0|2026-01', -1]], checkpoints: { deals: 2 } }));
    const bigAgain = store.commit(aBatch({ sums: sums.map(([key, value]) => [key, value * 2] as const), checkpoints: { deals: 3 } }));
    await Promise.all([big, small, bigAgain]);
    beating = false;
    expect(turns).toBeGreaterThanOrEqual(10); // 2 × 60k rows in parts of 10k, a turn between each
    const loaded = await store.load();
    const values = new Map(loaded.sums);
    expect(values.size).toBe(60_000);
    expect(values.get('won|rep:r-0|2026-01')).toBe(0);
    expect(values.get('won|rep:r-59999|2026-01')).toBe(119_998);
    expect(loaded.checkpoints).toEqual({ deals: 3 });
    await store.commit(aBatch({ sums: [['won|rep:r-0|2026-01', 5]] }));
    expect(new Map((await store.load()).sums).get('won|rep:r-0|2026-01')).toBe(5);
    await store.close();
  });

  it('gives up a big commit whose encoding fails after parts were written on the writer thread: nothing of it stays, the file is not left locked', async () => {
    const store = openSqliteReadModelStore(path);
    const sums = Array.from({ length: 30_000 }, (_, k) => [`won|rep:r-${k}|2026-01`, k] as const);
    // The entity is encoded after the 30,000 sums (three parts): its data cannot be JSON.
    const entities = [['deal:bad', { data: { amount: 1n }, entries: [] }] as const];
    await expect(store.commit(aBatch({ sums, entities, checkpoints: { deals: 1 } }))).rejects.toThrow(/BigInt/);
    // Once the thread has handled everything sent to it (a request answered after them)…
    await store.durability('deferred');
    // …a small commit (this thread's connection) gets the write lock at once.
    await store.commit(aBatch({ sums: [['won|rep:r-0|2026-01', 5]], checkpoints: { deals: 2 } }));
    const loaded = await store.load();
    expect(loaded.sums).toEqual([['won|rep:r-0|2026-01', 5]]);
    expect(loaded.entities).toEqual([]);
    expect(loaded.checkpoints).toEqual({ deals: 2 });
    await store.close();
  });

  it('leaves history and its index as they were when a bulk batch fails half-way', async () => {
    const store = openSqliteReadModelStore(path);
    await store.commit(aBatch({ changes: changesFrom(1, 2) }));
    store.failAfterWrites = 10_000; // after the index was dropped and 10,000 rows were inserted
    await expect(store.commit(aBatch({ changes: changesFrom(3, 25_000) }))).rejects.toThrow('injected fault');
    expect(await store.changesAfter(0, 100)).toEqual(changesFrom(1, 2));
    const first = valueOf(1);
    expect(await store.history(first.metric, first.scope, first.period)).toEqual([changesFrom(1, 1)[0]]);
    await store.close();
    expect(indexSql(path)).toContain('(seq >> 13, metric, scope, period, seq)');
  });
});
