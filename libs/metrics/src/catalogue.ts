import type { MetricDefinition, MetricFold } from './definition';
import { channelMetrics } from './areas/channel.metrics';
import { compositeMetrics } from './areas/composite.metrics';
import { costMetrics } from './areas/cost.metrics';
import { expensesFold } from './areas/costs.folds';
import { customersFold } from './areas/customers.folds';
import { dealsFold } from './areas/deals.folds';
import { efficiencyMetrics } from './areas/efficiency.metrics';
import { forecastMetrics } from './areas/forecast.metrics';
import { lifecycleMetrics } from './areas/lifecycle.metrics';
import { marketMetrics } from './areas/market.metrics';
import { budgetsFold, forecastsFold, marketSizesFold, targetsFold } from './areas/planning.folds';
import { riskMetrics } from './areas/risk.metrics';
import { satisfactionMetrics } from './areas/satisfaction.metrics';
import { targetMetrics } from './areas/target.metrics';
import { trainingMetrics } from './areas/training.metrics';
import { enrolmentsFold, repsFold } from './areas/training.folds';

/** Every metric of METRICS.md, as data, in the order of its sections. */
export const metricCatalogue: readonly MetricDefinition[] = [
  ...targetMetrics,
  ...satisfactionMetrics,
  ...efficiencyMetrics,
  ...marketMetrics,
  ...costMetrics,
  ...lifecycleMetrics,
  ...forecastMetrics,
  ...channelMetrics,
  ...riskMetrics,
  ...trainingMetrics,
  ...compositeMetrics,
];

/** Every fold from events to counters and entities. */
export const metricFolds: readonly MetricFold[] = [
  dealsFold,
  targetsFold,
  forecastsFold,
  marketSizesFold,
  customersFold,
  expensesFold,
  budgetsFold,
  repsFold,
  enrolmentsFold,
];
