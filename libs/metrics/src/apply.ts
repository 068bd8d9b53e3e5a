import type { QuotientEvent } from '@quotient/contracts';
import type { FoldContext, FoldMeta, MetricFold, MetricsConfig } from './definition';
import type { MetricState } from './metric-state';

/** Routes each event type to the folds that handle it. */
export const foldRouter = (folds: readonly MetricFold[]) => {
  const byType = new Map<string, MetricFold[]>();
  for (const fold of folds) for (const type of fold.handles) byType.set(type, [...(byType.get(type) ?? []), fold]);
  return (type: string): readonly MetricFold[] => byType.get(type) ?? [];
};

/** Applies one validated event to the state through every fold that handles it. */
export const applyEvent = (
  state: MetricState,
  route: ReturnType<typeof foldRouter>,
  event: QuotientEvent,
  meta: FoldMeta,
  config: MetricsConfig,
): void => {
  state.advanceClock(meta.occurredAt);
  const ctx: FoldContext = state;
  for (const fold of route(event.type)) fold.apply(event, meta, ctx, config);
};
