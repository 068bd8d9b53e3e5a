import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTEXTS } from '@quotient/contracts';
import { DEFAULT_METRICS_CONFIG, metricCatalogue, metricFolds } from '@quotient/metrics';
import { ProjectionEngine, ProjectionSource, ReadModelStore } from '@quotient/projection';
import { sourceOf, testHistory } from '@quotient/projection/testing';
import { openSqliteEventStore } from './sqlite-event-store';
import { sqliteProjectionSource } from './sqlite-projection';
import { openSqliteReadModelStore } from './sqlite-read-model-store';

/**
 * A catch-up over the embedded stores commits in chunks of many batches. Whatever the chunk size,
 * and even when a chunk fails to commit, the read models must end as one whole-history commit
 * leaves them, every event applied exactly once.
 */
describe('projection engine: chunked catch-up over the embedded stores', () => {
  const history = testHistory(12);
  let dir = '';
  let sources: ProjectionSource[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'quotient-chunked-'));
    for (const context of CONTEXTS) {
      const store = openSqliteEventStore(join(dir, `${context}.events.db`));
      for (const event of history.filter((e) => sourceOf(e) === context)) await store.append(event.streamId, [event], { expectedRevision: 'any' });
      await store.close();
    }
    sources = CONTEXTS.map((context) => sqliteProjectionSource(context, join(dir, `${context}.events.db`)));
  });

  afterAll(async () => {
    for (const source of sources) await source.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The store, counting its commits; with `failing`, that commit (1-based) throws "disk full". */
  const withCommits = (store: ReadModelStore, failing?: number) => {
    let commits = 0;
    const counted: ReadModelStore = Object.assign(Object.create(store) as ReadModelStore, {
      commit: async (batch: Parameters<ReadModelStore['commit']>[0]) => {
        if (++commits === failing) throw new Error('disk full');
        return store.commit(batch);
      },
    });
    return { store: counted, commits: () => commits };
  };

  /** Everything durable, without the timestamps of when it was written. */
  const durable = async (store: ReadModelStore) => {
    const s = await store.load();
    return {
      sums: [...s.sums].filter(([, v]) => v !== 0).sort(),
      levels: [...s.levels].sort(),
      entities: [...s.entities].map(([key, record]) => `${key}=${JSON.stringify(record.data)}`).sort(),
      streams: [...s.streams].sort(),
      checkpoints: s.checkpoints,
      values: [...s.metricValues].map((v) => `${v.metric}|${v.scope}|${v.period}=${v.value}`).sort(),
      eventsApplied: s.counters.eventsApplied,
      duplicatesSkipped: s.counters.duplicatesSkipped,
      evaluationPending: s.counters.evaluationPending,
      building: s.counters.building ?? false,
    };
  };

  const project = async (store: ReadModelStore, catchUpCommitEvents: number) => {
    const errors: unknown[] = [];
    const engine = new ProjectionEngine({
      store,
      sources,
      catalogue: metricCatalogue,
      folds: metricFolds,
      config: DEFAULT_METRICS_CONFIG,
      batchSize: 40,
      catchUpCommitEvents,
      onError: (error) => errors.push(error),
    });
    await engine.start();
    // Resolves only once the catch-up is evaluated, by the subscriptions of a restart if one happened.
    await engine.whenCaughtUp();
    const { eventsApplied } = engine.core.counters;
    await engine.settle(60_000);
    await engine.stop();
    return { engine, errors, appliedWhenCaughtUp: eventsApplied };
  };

  let whole: Awaited<ReturnType<typeof durable>>;

  beforeAll(async () => {
    const store = openSqliteReadModelStore(':memory:');
    await project(store, 1_000_000);
    whole = await durable(store);
    await store.close();
  });

  it('projects the whole history without a chunk before it is caught up', () => {
    expect(whole.eventsApplied).toBe(history.length);
    expect(whole.values.length).toBeGreaterThan(100);
    expect(whole.evaluationPending).toBe(false);
  });

  it.each([1, 97, 500])('ends identical when committing every %i events', async (chunk) => {
    const store = openSqliteReadModelStore(':memory:');
    const counting = withCommits(store);
    await project(counting.store, chunk);
    expect(await durable(store)).toEqual(whole);
    expect(counting.commits()).toBeGreaterThanOrEqual(Math.min(Math.floor(history.length / Math.max(chunk, 40)), 5));
    await store.close();
  });

  it('writes a first build chunk by chunk, each chunk whole, and goes on from the last one after a failed commit', async () => {
    // A file store: its big commits are encoded in parts and written on its writer thread.
    const path = join(dir, 'first-build.db');
    const store = openSqliteReadModelStore(path, { offloadRows: 0 });
    const commits: Array<{ building: boolean; checkpoints: Record<string, number> }> = [];
    let failed = false;
    const recording: ReadModelStore = Object.assign(Object.create(store) as ReadModelStore, {
      commit: async (batch: Parameters<ReadModelStore['commit']>[0]) => {
        commits.push({ building: batch.counters.building === true, checkpoints: batch.checkpoints });
        if (commits.length === 4 && !failed) {
          failed = true;
          throw new Error('disk full');
        }
        return store.commit(batch);
      },
    });
    // Where each subscription starts: from 0, then — after the failed commit — from the last durable chunk.
    const starts: number[] = [];
    const watched = sources.map((source) => ({ ...source, subscription: { subscribe: (options: Parameters<ProjectionSource['subscription']['subscribe']>[0]) => (starts.push(options.after), source.subscription.subscribe(options)) } }));
    const engine = new ProjectionEngine({ store: recording, sources: watched, catalogue: metricCatalogue, folds: metricFolds, config: DEFAULT_METRICS_CONFIG, batchSize: 40, catchUpCommitEvents: 80 });
    let turns = 0;
    let beating = true;
    const beat = () => void (beating && (turns++, setImmediate(beat)));
    setImmediate(beat);
    await engine.start();
    await engine.whenCaughtUp();
    beating = false;
    await engine.settle(60_000);
    await engine.stop();
    expect(await durable(store)).toEqual(whole);
    expect(history.length).toBeGreaterThan(500);
    expect(commits.length).toBeGreaterThan(5);
    expect(commits.some((commit) => commit.building)).toBe(false);
    expect(starts.slice(0, CONTEXTS.length)).toEqual(CONTEXTS.map(() => 0));
    // The restart resumed from the third commit's checkpoints, not from nothing.
    const resumed = starts.slice(CONTEXTS.length);
    expect(resumed).toEqual(CONTEXTS.map((context) => commits[2].checkpoints[context] ?? 0));
    expect(resumed.some((position) => position > 0)).toBe(true);
    expect(turns).toBeGreaterThan(commits.length);
    await store.close();
  });

  it('evaluates while the last chunk is written, and drops that evaluation when the chunk fails', async () => {
    const store = openSqliteReadModelStore(':memory:');
    let engine: ProjectionEngine | null = null;
    let chunks = 0;
    let evaluatedWhileWriting = false;
    const slow: ReadModelStore = Object.assign(Object.create(store) as ReadModelStore, {
      commit: async (batch: Parameters<ReadModelStore['commit']>[0]) => {
        // The one chunk of this catch-up (all but the last few events): slow, then it fails.
        if (batch.counters.evaluationPending && ++chunks === 1) {
          const before = engine?.timings().evaluateMs ?? 0;
          await new Promise((resolve) => setTimeout(resolve, 300));
          evaluatedWhileWriting = (engine?.timings().evaluateMs ?? 0) > before;
          throw new Error('disk full');
        }
        return store.commit(batch);
      },
    });
    const errors: unknown[] = [];
    engine = new ProjectionEngine({ store: slow, sources, catalogue: metricCatalogue, folds: metricFolds, config: DEFAULT_METRICS_CONFIG, batchSize: 40, catchUpCommitEvents: history.length - 30, onError: (error) => errors.push(error) });
    await engine.start();
    await engine.whenCaughtUp();
    await engine.settle(60_000);
    await engine.stop();
    expect(evaluatedWhileWriting).toBe(true);
    expect(errors.map((e) => (e instanceof Error ? e.message : String(e)))).toContain('disk full');
    expect(chunks).toBeGreaterThan(1); // the restart's own chunk
    expect(await durable(store)).toEqual(whole);
    await store.close();
  });

  it('writes what a catch-up folded as a chunk while it evaluates it, when no chunk is being written', async () => {
    const store = openSqliteReadModelStore(':memory:');
    let engine: ProjectionEngine | null = null;
    let evaluatedWhileWriting = false;
    const batches: Array<{ pending: boolean; sums: number; values: number }> = [];
    const slow: ReadModelStore = Object.assign(Object.create(store) as ReadModelStore, {
      commit: async (batch: Parameters<ReadModelStore['commit']>[0]) => {
        batches.push({ pending: batch.counters.evaluationPending === true, sums: batch.sums.length, values: batch.metricValues.length });
        if (batch.counters.evaluationPending) {
          const before = engine?.timings().evaluateMs ?? 0;
          await new Promise((resolve) => setTimeout(resolve, 300));
          evaluatedWhileWriting = (engine?.timings().evaluateMs ?? 0) > before;
        }
        return store.commit(batch);
      },
    });
    // No chunk is due before the catch-up ends: the whole backlog is the one chunk.
    engine = new ProjectionEngine({ store: slow, sources, catalogue: metricCatalogue, folds: metricFolds, config: DEFAULT_METRICS_CONFIG, batchSize: 40, catchUpCommitEvents: 1_000_000 });
    await engine.start();
    await engine.whenCaughtUp();
    await engine.settle(60_000);
    await engine.stop();
    expect(batches).toHaveLength(2);
    expect(batches[0]).toMatchObject({ pending: true, values: 0 });
    expect(batches[0].sums).toBeGreaterThan(100);
    expect(batches[1]).toMatchObject({ pending: false, sums: 0 });
    expect(batches[1].values).toBe(whole.values.length);
    expect(evaluatedWhileWriting).toBe(true);
    expect(await durable(store)).toEqual(whole);
    await store.close();
  });

  it('clears a store that a first build of an earlier version left half-written (marked `building`), and builds it again', async () => {
    const store = openSqliteReadModelStore(':memory:');
    // What a crash part-way through a first build leaves: some state rows, marked.
    const first = await project(withCommits(store).store, 1_000_000);
    const left = await store.load();
    await store.commit({
      sums: [['wonRevenue|org|2026-03', 123_456]],
      levels: [],
      entities: [],
      streams: [],
      checkpoints: { deals: 3 },
      clock: left.clock,
      counters: { ...left.counters, eventsApplied: 3, building: true },
      metricValues: [],
      removedValues: [],
      changes: [],
      deadLetters: [],
    });
    expect(first.appliedWhenCaughtUp).toBe(history.length);
    const again = await project(store, 1_000_000);
    expect(again.appliedWhenCaughtUp).toBe(history.length);
    expect(await durable(store)).toEqual(whole);
    await store.close();
  });

  it('recovers from a chunk that fails to commit: reloads, resubscribes, applies every event once', async () => {
    const store = openSqliteReadModelStore(':memory:');
    const flaky = withCommits(store, 3);
    const { errors, engine, appliedWhenCaughtUp } = await project(flaky.store, 120);
    expect(appliedWhenCaughtUp).toBe(history.length);
    expect(flaky.commits()).toBeGreaterThan(3);
    expect(errors.map((e) => (e instanceof Error ? e.message : String(e)))).toContain('disk full');
    expect(engine.core.counters.eventsApplied).toBe(history.length);
    expect(await durable(store)).toEqual(whole);
    await store.close();
  });

  it('rebuilds silently in slices, letting the event loop run all along, and ends as one commit leaves the state', async () => {
    const store = openSqliteReadModelStore(':memory:');
    const counting = withCommits(store);
    const engine = new ProjectionEngine({ store: counting.store, sources, catalogue: metricCatalogue, folds: metricFolds, config: DEFAULT_METRICS_CONFIG, batchSize: 40, rebuildCommitRows: 100 });
    engine.setAnnouncing(false);
    // What the event loop sees on each of its turns: how far the fold was.
    const seen = new Set<number>();
    let turns = 0;
    let beating = true;
    const beat = () => void (beating && (turns++, seen.add(engine.core.counters.eventsApplied), setImmediate(beat)));
    setImmediate(beat);
    await engine.start();
    await engine.whenCaughtUp();
    beating = false;
    await engine.stop();
    const { values, ...state } = await durable(store);
    const { values: wholeValues, ...wholeState } = whole;
    expect(state).toEqual(wholeState);
    expect(values).toEqual(wholeValues);
    expect(counting.commits()).toBeGreaterThan(10); // thousands of rows, 100 a transaction
    // Turns while folding (four sources in batches of 40: the loop turns between rounds of them;
    // none at all without the subscriptions' yields), then while settling, evaluating period by
    // period and writing slice by slice.
    expect([...seen].filter((applied) => applied > 0 && applied < history.length).length).toBeGreaterThan(4);
    expect(turns).toBeGreaterThan(history.length / 40);
    await store.close();
  });

  it('gives a silent rebuild up when a write fails half-way through its slices (its store is inconsistent)', async () => {
    const store = openSqliteReadModelStore(':memory:');
    const engine = new ProjectionEngine({ store: withCommits(store, 3).store, sources, catalogue: metricCatalogue, folds: metricFolds, config: DEFAULT_METRICS_CONFIG, batchSize: 40, rebuildCommitRows: 100 });
    engine.setAnnouncing(false);
    await engine.start();
    await expect(engine.whenCaughtUp()).rejects.toThrow('rebuild failed writing its read models: disk full');
    expect(engine.error).toContain('disk full');
    await engine.stop();
    await store.close();
  });

  it('hands over from a live version to a silent rebuild: same history, then one correction per changed value', async () => {
    const engineOver = (store: ReadModelStore, stallDays: number) =>
      new ProjectionEngine({ store, sources, catalogue: metricCatalogue, folds: metricFolds, config: { ...DEFAULT_METRICS_CONFIG, stallDays }, batchSize: 40 });
    // :memory: stores cannot attach one another: the history goes through the port.
    const liveStore = openSqliteReadModelStore(':memory:');
    const live = engineOver(liveStore, 14);
    await live.start();
    await live.whenCaughtUp();
    const rebuiltStore = openSqliteReadModelStore(':memory:');
    const rebuild = engineOver(rebuiltStore, 7); // a changed parameter: stalled deals differ
    rebuild.setAnnouncing(false);
    await rebuild.start();
    await rebuild.whenCaughtUp();
    expect(await rebuiltStore.changesAfter(0, 10)).toEqual([]); // silent until it takes over

    const history = await liveStore.changesAfter(0, 1_000_000);
    const key = (v: { metric: string; scope: string; period: string }) => `${v.metric}|${v.scope}|${v.period}`;
    const served = new Map([...(await liveStore.load()).metricValues].map((v) => [key(v), v.value] as const));
    const corrections = await rebuild.takeOver({ store: liveStore, core: () => live.core, stop: () => live.stop() });

    const rebuilt = [...(await rebuiltStore.load()).metricValues];
    const differing = rebuilt.filter((v) => (served.get(key(v)) ?? null) !== v.value);
    expect(differing.length).toBeGreaterThan(0);
    expect(corrections.map((c) => `${key(c)}=${c.previousValue}->${c.value}`).sort()).toEqual(differing.map((v) => `${key(v)}=${served.get(key(v)) ?? null}->${v.value}`).sort());
    expect(await rebuiltStore.changesAfter(0, 1_000_000)).toEqual([...history, ...corrections]);
    expect(corrections[0].seq).toBe(history[history.length - 1].seq + 1);
    expect((await rebuiltStore.load()).counters.changesRecorded).toBe(history.length + corrections.length);
    await rebuild.stop();
    await liveStore.close();
    await rebuiltStore.close();
  });
});
