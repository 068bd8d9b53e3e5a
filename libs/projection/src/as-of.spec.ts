import type { EventEnvelope } from '@quotient/kernel';
import { DEFAULT_METRICS_CONFIG, metricCatalogue, metricFolds, MetricEvaluator } from '@quotient/metrics';
import { replayAsOf, replayInto } from './as-of';
import { ProjectionCore } from './projection-core';
import type { ProjectionSource } from './source.port';
import { sourceOf, testHistory } from './test-history';

/** Sources over arrays, as the SQLite ones read their logs: by position, up to a recorded instant. */
const sourcesOver = (events: readonly EventEnvelope[]): ProjectionSource[] =>
  [...new Set(events.map(sourceOf))].map((name) => ({
    name,
    subscription: { subscribe: () => { throw new Error('not followed'); } },
    lastPosition: async () => 0,
    readAll: async (from, limit, upTo) => events.filter((e) => sourceOf(e) === name && e.position >= from && (!upTo || e.recordedAt <= upTo)).slice(0, limit),
    close: async () => undefined,
  }));

const valuesOf = (core: ProjectionCore) =>
  ['2026-03', '2026-Q2', '2026'].flatMap((p) => new MetricEvaluator(core.state, metricCatalogue, DEFAULT_METRICS_CONFIG).all(p)).map((v) => `${v.metric}|${v.scope}|${v.period}=${v.value}`).sort();

describe('replayAsOf', () => {
  const history = testHistory(8);
  const asOf = '2026-04-15T00:00:00.000Z';

  it('folds exactly the events recorded up to the instant', async () => {
    const replayed = await replayAsOf(sourcesOver(history), metricCatalogue, metricFolds, DEFAULT_METRICS_CONFIG, asOf, 7);
    const reference = new ProjectionCore(metricCatalogue, metricFolds, DEFAULT_METRICS_CONFIG);
    const known = history.filter((e) => e.recordedAt <= asOf);
    expect(known.length).toBeGreaterThan(20);
    expect(known.length).toBeLessThan(history.length);
    reference.applyBatch('all', known);
    expect(replayed.counters.eventsApplied).toBe(known.length);
    expect(valuesOf(replayed)).toEqual(valuesOf(reference));
    // Only queried: it keeps no record of which events changed what (a live core does).
    expect(replayed.state.causes.on).toBe(false);
    expect(reference.state.causes.on).toBe(true);
  });

  it('brought forward to a later instant, answers as a replay from scratch to it', async () => {
    // Recorded times here are not in position order within a log (recordedAt = occurredAt):
    // events recorded before the earlier instant turn up after ones recorded after it.
    const instants = ['2026-02-15T00:00:00.000Z', '2026-03-20T00:00:00.000Z', '2026-04-15T00:00:00.000Z', '2026-07-01T00:00:00.000Z'];
    for (let i = 0; i + 1 < instants.length; i++) {
      const core = await replayAsOf(sourcesOver(history), metricCatalogue, metricFolds, DEFAULT_METRICS_CONFIG, instants[i], 7);
      const before = valuesOf(core);
      await replayInto(core, sourcesOver(history), instants[i + 1], 7);
      const fresh = await replayAsOf(sourcesOver(history), metricCatalogue, metricFolds, DEFAULT_METRICS_CONFIG, instants[i + 1], 7);
      expect(core.counters.eventsApplied).toBe(fresh.counters.eventsApplied);
      expect(valuesOf(core)).toEqual(valuesOf(fresh));
      expect(valuesOf(core)).not.toEqual(before);
    }
  });

  it('lets the event loop run between its slices, so the serving process keeps answering', async () => {
    let turns = 0;
    let beating = true;
    const beat = () => {
      if (!beating) return;
      turns++;
      setImmediate(beat);
    };
    setImmediate(beat);
    await replayAsOf(sourcesOver(history), metricCatalogue, metricFolds, DEFAULT_METRICS_CONFIG, asOf, 7);
    beating = false;
    // Batches of 7 events: dozens of slices, each followed by a turn of the event loop.
    expect(turns).toBeGreaterThan(20);
  });
});
