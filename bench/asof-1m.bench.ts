import { CONTEXTS } from '@quotient/contracts';
import { sqliteProjectionSource } from '@quotient/infra-sqlite';
import { DEFAULT_METRICS_CONFIG, metricCatalogue, metricFolds } from '@quotient/metrics';
import { replayAsOf } from '@quotient/projection';
import { storePathOf } from '@quotient/runtime';
import { ensureHistory } from './support/history-cache';
import { note, report } from './support/report';

/**
 * asof-1m: "what did we know then?" over the cached ≥1M-event history — `replayAsOf`, as the
 * projection service runs it for `?asOf=`, at the instant halfway through the recorded history;
 * then `asof-1m-end`: the same at the last recorded instant, every event replayed (the worst case).
 */
const main = async () => {
  const { dir, manifest } = ensureHistory();
  const asOf = new Date((Date.parse(manifest.firstRecordedAt) + Date.parse(manifest.lastRecordedAt)) / 2).toISOString();
  const sources = CONTEXTS.map((context) => sqliteProjectionSource(context, storePathOf(dir, context)));
  const started = performance.now();
  const core = await replayAsOf(sources, metricCatalogue, metricFolds, DEFAULT_METRICS_CONFIG, asOf);
  const seconds = (performance.now() - started) / 1000;
  for (const source of sources) await source.close();
  const replayed = core.counters.eventsApplied;
  note(`as of ${asOf}: ${replayed.toLocaleString('en-US')} of ${manifest.totalEvents.toLocaleString('en-US')} events replayed in ${seconds.toFixed(1)} s`);
  report('asof-1m', seconds, 's');
  const endSources = CONTEXTS.map((context) => sqliteProjectionSource(context, storePathOf(dir, context)));
  const endStarted = performance.now();
  const end = await replayAsOf(endSources, metricCatalogue, metricFolds, DEFAULT_METRICS_CONFIG, manifest.lastRecordedAt);
  const endSeconds = (performance.now() - endStarted) / 1000;
  for (const source of endSources) await source.close();
  note(`as of ${manifest.lastRecordedAt}: ${end.counters.eventsApplied.toLocaleString('en-US')} events replayed in ${endSeconds.toFixed(1)} s`);
  report('asof-1m-end', endSeconds, 's');
};

main().catch((error: unknown) => {
  process.stderr.write(`asof-1m failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
