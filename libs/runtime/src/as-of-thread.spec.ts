import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from '@quotient/infra-sqlite';
import { DEFAULT_METRICS_CONFIG, metricCatalogue, metricFolds } from '@quotient/metrics';
import { type CoreQuery, inProcessAsOf } from '@quotient/projection';
import { sourceOf, testHistory } from '@quotient/projection/testing';
import { AsOfThread } from './as-of-thread';
import { type HistorySourceSpec, openHistorySources } from './as-of-worker';

/**
 * The asOf thread (its module is the one `npm run build` put in dist/: `npm test` builds first)
 * answers every query as replays in the serving thread do, over the same SQLite logs.
 */
describe('asOf queries answered by a thread of their own', () => {
  let dir: string;
  let specs: HistorySourceSpec[];
  const history = testHistory();
  const lastRecorded = history[history.length - 1].recordedAt;
  const middle = history[Math.floor(history.length / 2)].recordedAt;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'quotient-asof-thread-'));
    const contexts = [...new Set(history.map(sourceOf))];
    specs = contexts.map((name) => ({ name, sqlitePath: join(dir, `${name}.events.db`) }));
    // Each event recorded at its own instant, so that an instant between two of them sees only the first.
    let now = new Date(0);
    const stores = new Map(specs.map((spec) => [spec.name, openSqliteEventStore((spec as { sqlitePath: string }).sqlitePath, { now: () => now })]));
    for (const { streamId, type, schemaVersion, data, occurredAt, recordedAt, id, tenantId, actor, correlationId, causationId } of history) {
      now = new Date(recordedAt);
      await stores.get(sourceOf({ streamId } as never))!.append(streamId, [{ id, type, schemaVersion, data, occurredAt, tenantId, actor, correlationId, causationId }], { expectedRevision: 'any' });
    }
    for (const store of stores.values()) await store.close();
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const queries: CoreQuery[] = [
    { kind: 'metrics', period: '2026-Q2', scope: 'org' },
    { kind: 'metrics', period: '2026-04' },
    { kind: 'metric', metric: 'win_rate', scope: 'team:north', period: '2026-Q2' },
    { kind: 'scorecards', period: '2026-Q2', level: 'rep' },
    { kind: 'pipeline', scope: 'org', period: '2026-Q2' },
    { kind: 'teams', period: '2026-Q2' },
  ];

  it('answers each query exactly as a replay in this thread does, at any instant', async () => {
    const local = openHistorySources(specs);
    const here = inProcessAsOf({ sources: () => local.sources, catalogue: metricCatalogue, folds: metricFolds, config: DEFAULT_METRICS_CONFIG, maxEvents: 10_000 });
    const thread = new AsOfThread({ sources: specs, config: DEFAULT_METRICS_CONFIG, maxEvents: 10_000 });
    try {
      for (const instant of [middle, lastRecorded]) {
        for (const query of queries) expect(await thread.query(instant, query)).toEqual(await here.query(instant, query));
      }
      expect((await thread.query(lastRecorded, { kind: 'metrics', period: '2026-Q2', scope: 'org' })).filter((view) => view.value !== null).length).toBeGreaterThan(10);
      // What was known at the middle is not what is known at the end.
      const winRate = async (instant: string) => (await thread.query(instant, { kind: 'metric', metric: 'win_rate', scope: 'org', period: '2026' })).inputs;
      expect(await winRate(middle)).not.toEqual(await winRate(lastRecorded));
    } finally {
      await thread.close();
      await local.close();
    }
  });

  it('reads the logs over the services\' audit endpoints as well (Kafka mode)', async () => {
    // Each service's GET /events, served from its store as a command service serves it.
    const stores = specs.map((spec) => [spec.name, openSqliteEventStore((spec as { sqlitePath: string }).sqlitePath)] as const);
    const server = createServer((request, response) => {
      const url = new URL(request.url!, 'http://localhost');
      const store = stores.find(([name]) => url.pathname === `/${name}/events`)?.[1];
      if (!store) return void response.writeHead(404).end();
      const recordedUpTo = url.searchParams.get('recordedUpTo') ?? undefined;
      void store.readAll({ fromPosition: Number(url.searchParams.get('fromPosition')), limit: Number(url.searchParams.get('limit')), recordedUpTo }).then((events) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ events })));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const overHttp = new AsOfThread({ sources: specs.map(({ name }) => ({ name, url: `${base}/${name}` })), config: DEFAULT_METRICS_CONFIG, maxEvents: 10_000 });
    const overFiles = new AsOfThread({ sources: specs, config: DEFAULT_METRICS_CONFIG, maxEvents: 10_000 });
    try {
      for (const instant of [middle, lastRecorded]) expect(await overHttp.query(instant, queries[0])).toEqual(await overFiles.query(instant, queries[0]));
    } finally {
      await overHttp.close();
      await overFiles.close();
      await new Promise((resolve) => server.close(resolve));
      for (const [, store] of stores) await store.close();
    }
  });

  it('reports a failed replay with its reason and answers the next query', async () => {
    // A service whose audit endpoint does not answer: the replay fails, the thread lives on.
    const thread = new AsOfThread({ sources: [...specs, { name: 'gone', url: 'http://127.0.0.1:9' }], config: DEFAULT_METRICS_CONFIG, maxEvents: 10_000 });
    const working = new AsOfThread({ sources: specs, config: DEFAULT_METRICS_CONFIG, maxEvents: 10_000 });
    try {
      await expect(thread.query(lastRecorded, queries[0])).rejects.toThrow(/fetch failed/);
      await expect(thread.query(middle, queries[0])).rejects.toThrow(/fetch failed/);
      expect(await working.query(lastRecorded, queries[2])).toMatchObject({ metric: 'win_rate', scope: 'team:north' });
    } finally {
      await thread.close();
      await working.close();
    }
  });

  it('fails the queries of a replay that outgrows its heap, and answers the next ones from a new thread', async () => {
    // A history far larger than the thread's heap: the same small history, many times over.
    const big = new AsOfThread({ sources: specs, config: DEFAULT_METRICS_CONFIG, maxEvents: 10_000 }, 64);
    const roomy = new AsOfThread({ sources: specs, config: DEFAULT_METRICS_CONFIG, maxEvents: 10_000 });
    const ballast = { kind: 'metrics', period: '2026-Q2', scope: 'org' } as const;
    try {
      // Queries that make the thread hold more than 64 MB: every instant replayed and kept (a budget of 10,000 events keeps them all).
      const instants = Array.from({ length: 400 }, (_, i) => new Date(Date.parse(middle) + i * 1000).toISOString());
      const answers = await Promise.allSettled(instants.map((instant) => big.query(instant, ballast)));
      const failed = answers.filter((a) => a.status === 'rejected');
      expect(failed.length).toBeGreaterThan(0);
      expect(String((failed[0] as PromiseRejectedResult).reason)).toMatch(/the asOf thread failed: .*memory/);
      // The same thread object answers again (a new thread), as an unlimited one does.
      expect(await big.query(lastRecorded, queries[2])).toEqual(await roomy.query(lastRecorded, queries[2]));
    } finally {
      await big.close();
      await roomy.close();
    }
  });

  it('starts a new thread for the next query when its thread is gone', async () => {
    const thread = new AsOfThread({ sources: specs, config: DEFAULT_METRICS_CONFIG, maxEvents: 10_000 });
    try {
      const before = await thread.query(lastRecorded, queries[2]);
      await thread.close();
      expect(await thread.query(lastRecorded, queries[2])).toEqual(before);
    } finally {
      await thread.close();
    }
  });
});
