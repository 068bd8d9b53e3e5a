import type { MetricContext, MetricResult } from '../definition';
import { nullBecause, ratio } from '../definition';
import { COUNTERS as C } from './counters';

/**
 * A sum per average headcount: the mean over the period's days so far of the active reps
 * (hire to leave; a transfer moves a rep between teams that day).
 */
export const perAverageHeadcount = (ctx: MetricContext, counter: string, name: string): MetricResult => {
  const value = ctx.sum(counter);
  const averageHeadcount = ctx.averageLevel(C.headcount);
  if (averageHeadcount === null) return nullBecause('the period has not started yet', { [name]: value, averageHeadcount });
  return ratio(value, averageHeadcount, { [name]: value, averageHeadcount });
};

