import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTEXTS } from '@quotient/contracts';
import { openSqliteEventStore, openSqliteReadModelStore, SqliteCheckpointStore, sqliteSubscription } from '@quotient/infra-sqlite';
import { DEFAULT_METRICS_CONFIG, metricCatalogue, MetricEvaluator, metricFolds } from '@quotient/metrics';
import { openMongoReadModelStore } from '@quotient/infra-mongodb';
import { ProjectionCore, ProjectionEngine, ReadModelStore } from '@quotient/projection';
import { sourceOf, testHistory } from '@quotient/projection/testing';
import { describeWithServer } from '@quotient/test-servers';
import { startEventRelay } from './event-relay';
import { kafkaProjectionSource } from './kafka-projection-source';
import { CONSUMER, FAST_BACKOFF, runId, testKafka, waitFor } from './testing/kafka-test-kit';

const PERIODS = ['2026-03', '2026-04', '2026-05', '2026-06', '2026-Q1', '2026-Q2', '2026'];
const values = (core: ProjectionCore) => {
  const evaluator = new MetricEvaluator(core.state, metricCatalogue, DEFAULT_METRICS_CONFIG);
  return PERIODS.flatMap((p) => evaluator.all(p)).map((v) => `${v.metric}|${v.scope}|${v.period}=${v.value}`).sort();
};

/** Read models in SQLite, or — "the same system, three ways" — in MongoDB when a server is given. */
const readModelsFor = async (dir: string, namespace: string, mongoUrl?: string): Promise<ReadModelStore> =>
  mongoUrl ? openMongoReadModelStore(mongoUrl, { database: `parity_${namespace}` }) : openSqliteReadModelStore(join(dir, 'read-models.db'));

describeWithServer('kafka', 'Kafka and embedded paths give the same read models (real broker)', (url) => {
  const mongoUrl = process.env.MONGO_URL;
  const variants: Array<[string, string | undefined]> = [['SQLite read models', undefined], ...(mongoUrl ? [['MongoDB read models', mongoUrl] as [string, string]] : [])];
  it.each(variants)('folds one event history through relays, topics and consumer groups into the values of a direct replay (%s)', async (_name, readModelUrl) => {
    const dir = mkdtempSync(join(tmpdir(), 'quotient-parity-'));
    const namespace = runId();
    const kafka = testKafka(url(), namespace);
    const history = testHistory(3);
    const stops: Array<() => Promise<unknown>> = [];
    try {
      const reference = new ProjectionCore(metricCatalogue, metricFolds, DEFAULT_METRICS_CONFIG);
      reference.applyBatch('all', history);
      for (const context of CONTEXTS) {
        const path = join(dir, `${context}.db`);
        const store = openSqliteEventStore(path);
        const events = history.filter((e) => sourceOf(e) === context);
        await Promise.all(events.map((e) => store.append(e.streamId, [e], { expectedRevision: 'any' })));
        const relay = startEventRelay({ store, checkpoints: new SqliteCheckpointStore(store.db), subscription: sqliteSubscription(store, path, 50), kafka, context, backoff: FAST_BACKOFF });
        stops.push(() => relay.stop(), () => store.close());
      }
      const sources = CONTEXTS.map((context) => kafkaProjectionSource({ kafka, context, groupId: `${namespace}-parity`, consumer: CONSUMER }));
      const readModels = await readModelsFor(dir, namespace, readModelUrl);
      const engine = new ProjectionEngine({ store: readModels, sources, catalogue: metricCatalogue, folds: metricFolds, config: DEFAULT_METRICS_CONFIG });
      await engine.start();
      stops.push(() => readModels.close(), async () => Promise.all(sources.map((s) => s.close())), () => engine.stop());
      await waitFor(() => engine.core.counters.eventsApplied === history.length, 60_000, `the projection to apply ${history.length} events`);
      await engine.settle(30_000);
      expect(values(engine.core)).toEqual(values(reference));
      expect(engine.core.counters.deadLettered).toBe(0);
    } finally {
      for (const stop of stops.reverse()) await stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
