import { applyEvent, foldRouter } from '../apply';
import { metricCatalogue, metricFolds } from '../catalogue';
import { DEFAULT_METRICS_CONFIG, MetricResult, MetricsConfig } from '../definition';
import { MetricEvaluator } from '../evaluate';
import { MetricState } from '../metric-state';
import type { Fact } from './test-events';

export * from './test-events';

/** Test helpers: a projection of test events, evaluated like the engine does. */
export interface Projection {
  readonly state: MetricState;
  readonly evaluator: MetricEvaluator;
  result(id: string, scope: string, period: string): MetricResult;
  value(id: string, scope: string, period: string): number | null;
}

const route = foldRouter(metricFolds);

/** Folds the facts in the given order into a fresh state. */
export const project = (facts: readonly Fact[], config: MetricsConfig = DEFAULT_METRICS_CONFIG): Projection => {
  const state = new MetricState();
  for (const { event, meta } of facts) applyEvent(state, route, event, meta, config);
  const evaluator = new MetricEvaluator(state, metricCatalogue, config);
  return {
    state,
    evaluator,
    result: (id, scope, period) => evaluator.evaluate(id, scope, period),
    value: (id, scope, period) => evaluator.evaluate(id, scope, period).value,
  };
};
