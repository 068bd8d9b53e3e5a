import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pollingSubscription } from '@quotient/eventsourcing';
import { openSqliteEventStore, openSqliteReadModelStore, type SqliteEventStore } from '@quotient/infra-sqlite';
import { DEFAULT_METRICS_CONFIG, metricCatalogue, metricFolds } from '@quotient/metrics';
import { ProjectionEngine, type ProjectionSource, type ReadModelStore } from '@quotient/projection';
import { normalise } from '@quotient/projection/testing';
import { describeWithServer } from '@quotient/test-servers';
import { openMongoReadModelStore } from './open-mongo-read-model-store';
import { type HistoryEvent, salesHistory } from './sales-history.testing';

/** A tiny source over an in-memory event log. */
const memorySource = (log: SqliteEventStore): ProjectionSource => ({
  name: 'sales',
  subscription: pollingSubscription(log, { idlePollMs: 10, wakeSource: (wake) => log.onAppended(wake) }),
  lastPosition: () => log.lastPosition(),
  readAll: (fromPosition, limit, recordedUpTo) => log.readAll({ fromPosition, limit, recordedUpTo }),
  close: async () => undefined,
});

const append = (log: SqliteEventStore, events: readonly HistoryEvent[]) =>
  Promise.all(events.map(({ streamId, ...event }) => log.append(streamId, [event], { expectedRevision: 'any' })));

/** Runs the engine until it has folded everything the log holds; returns events/s and the share of time in `commit`. */
const project = async (store: ReadModelStore, log: SqliteEventStore, batchSize: number) => {
  let committing = 0;
  const timed: ReadModelStore = {
    load: () => store.load(),
    commit: async (batch) => {
      const started = performance.now();
      await store.commit(batch);
      committing += performance.now() - started;
    },
    history: (...args) => store.history(...args),
    changesAfter: (...args) => store.changesAfter(...args),
    deadLetters: (limit) => store.deadLetters(limit),
    close: () => store.close(),
  };
  const engine = new ProjectionEngine({ store: timed, sources: [memorySource(log)], catalogue: metricCatalogue, folds: metricFolds, config: DEFAULT_METRICS_CONFIG, batchSize });
  const before = (await store.load()).counters.eventsApplied;
  const started = performance.now();
  await engine.start();
  await engine.settle(120_000);
  await engine.stop();
  const elapsed = performance.now() - started;
  return { eventsPerSecond: Math.round((engine.core.counters.eventsApplied - before) / (elapsed / 1000)), commitShare: Math.round((100 * committing) / elapsed) };
};

/** Everything a store shows, without the wall-clock instants (`updatedAt`, `recordedAt`) a run stamps. */
const readModels = async (store: ReadModelStore) => {
  const { metricValues, ...state } = normalise(await store.load());
  return {
    ...state,
    metricValues: metricValues.map(({ updatedAt: _at, ...value }) => value),
    changes: await store.changesAfter(0, 1_000_000),
    deadLetters: (await store.deadLetters(10_000)).map(({ recordedAt: _at, ...letter }) => letter),
  };
};

const database = `quotient_engine_${process.pid}_${Date.now()}`;

describeWithServer('mongo', 'ProjectionEngine on MongoReadModelStore', (url) => {
  const history = salesHistory(500);
  const dir = mkdtempSync(join(tmpdir(), 'quotient-engine-'));
  const openMongo = (prefix: string) => openMongoReadModelStore(url(), { database, prefix });
  const openSqlite = (name: string) => openSqliteReadModelStore(join(dir, `${name}.db`));

  afterAll(async () => {
    const store = await openMongo('cleanup_');
    await store.db.dropDatabase();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('folds the same history, stopped and resumed halfway, into the same read models as on SQLite', async () => {
    const log = openSqliteEventStore(':memory:');
    const half = Math.floor(history.length / 2);
    await append(log, history.slice(0, half));
    for (const phase of [1, 2]) {
      if (phase === 2) await append(log, history.slice(half));
      for (const open of [() => openSqlite('same'), () => openMongo('same_')]) {
        const store = await open(); // a restart: a new store instance, resuming from its checkpoints
        await project(store, log, 300);
        await store.close();
      }
    }
    const [sqlite, mongo] = [openSqlite('same'), await openMongo('same_')];
    const expected = await readModels(sqlite);
    expect(expected.counters.eventsApplied + expected.counters.deadLettered).toBe(history.length);
    expect(expected.deadLetters.length).toBeGreaterThan(0);
    if (metricCatalogue.length > 0) expect(expected.metricValues.length).toBeGreaterThan(100);
    expect(await readModels(mongo)).toEqual(expected);
    await Promise.all([sqlite.close(), mongo.close(), log.close()]);
  }, 300_000);

  it('hands over from a live SQLite version to a silent rebuild on MongoDB: the same history, nothing to correct', async () => {
    const log = openSqliteEventStore(':memory:');
    await append(log, history);
    const engineOver = (store: ReadModelStore) => new ProjectionEngine({ store, sources: [memorySource(log)], catalogue: metricCatalogue, folds: metricFolds, config: DEFAULT_METRICS_CONFIG, batchSize: 300 });
    const liveStore = openSqlite('handover');
    const live = engineOver(liveStore);
    await live.start();
    await live.settle(120_000);
    const rebuiltStore = await openMongo('handover_');
    const rebuild = engineOver(rebuiltStore);
    rebuild.setAnnouncing(false);
    await rebuild.start();
    await rebuild.settle(120_000);
    expect(await rebuiltStore.changesAfter(0, 10)).toEqual([]);
    const announced = await liveStore.changesAfter(0, 1_000_000);
    expect(announced.length).toBeGreaterThan(100);
    // MongoDB cannot read the SQLite file: the history is carried through the port, in chunks.
    expect(await rebuild.takeOver({ store: liveStore, core: () => live.core, stop: () => live.stop() })).toEqual([]);
    expect(await rebuiltStore.changesAfter(0, 1_000_000)).toEqual(announced);
    expect((await rebuiltStore.load()).counters.changesRecorded).toBe(announced[announced.length - 1].seq);
    await rebuild.stop();
    await Promise.all([liveStore.close(), rebuiltStore.close(), log.close()]);
  }, 300_000);

  it('measures throughput (printed, not asserted)', async () => {
    const log = openSqliteEventStore(':memory:');
    await append(log, history);
    const lines: string[] = [];
    for (const batchSize of [2000, 250]) {
      const sqlite = openSqlite(`speed-${batchSize}`);
      const mongo = await openMongo(`speed${batchSize}_`);
      for (const [name, store] of [['sqlite', sqlite], ['mongo', mongo]] as const) {
        const { eventsPerSecond, commitShare } = await project(store, log, batchSize);
        lines.push(`projection-${name}-batch-${batchSize}: ${eventsPerSecond} events/s (${commitShare} % of the time in commit)`);
      }
      await Promise.all([sqlite.close(), mongo.close()]);
    }
    process.stdout.write(`${history.length} events, ${metricCatalogue.length} metrics\n${lines.join('\n')}\n`);
    await log.close();
  }, 300_000);
});
