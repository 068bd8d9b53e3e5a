import type { MetricDefinition, MetricFold, MetricsConfig } from '@quotient/metrics';
import { ProjectionCore } from './projection-core';
import type { ProjectionSource } from './source.port';

/**
 * What the metrics were as known at an instant: replays every source's events recorded up to
 * then into a fresh in-memory projection. The live read models are not touched.
 */
export const replayAsOf = async (
  sources: readonly ProjectionSource[],
  catalogue: readonly MetricDefinition[],
  folds: readonly MetricFold[],
  config: MetricsConfig,
  asOf: string,
  batchSize = 10_000,
): Promise<ProjectionCore> => {
  const core = new ProjectionCore(catalogue, folds, config, { tracking: false });
  for (const source of sources) {
    for (let from = 1; ; ) {
      const events = await source.readAll(from, batchSize, asOf);
      if (events.length === 0) break;
      core.applyBatch(source.name, events, false);
      from = events[events.length - 1].position + 1;
      if (events.length < batchSize) break;
    }
  }
  core.state.takeTouched();
  return core;
};
