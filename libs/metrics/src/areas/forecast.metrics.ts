import type { MetricDefinition } from '../definition';
import { nullBecause, valueOf } from '../definition';
import { COUNTERS as C } from './counters';

export const forecastMetrics: MetricDefinition[] = [
  {
    id: 'weighted_pipeline',
    zh: '加权管道金额',
    en: 'Weighted pipeline',
    area: 'forecast',
    unit: 'money',
    direction: 'higher',
    scopes: ['org', 'team', 'rep'],
    formula:
      'Σ amount × probability of open deals with expectedCloseDate in period (probability from the deal\'s last stage change; default by stage: prospecting 0.1, qualification 0.2, proposal 0.5, negotiation 0.8)',
    compute: (ctx) => {
      const weightedPipeline = ctx.sum(C.weightedPipeline);
      return valueOf(weightedPipeline, { weightedPipeline, openPipeline: ctx.sum(C.openPipeline) });
    },
  },
  {
    id: 'forecast_accuracy',
    zh: '预测准确率',
    en: 'Forecast accuracy',
    area: 'forecast',
    unit: 'ratio',
    direction: 'higher',
    scopes: ['org', 'team', 'rep'],
    // The commit forecast submitted for exactly this scope and period (latest submission wins).
    formula: '1 − abs(latest commit forecast − won revenue) ÷ won revenue; floored at 0',
    compute: (ctx) => {
      const wonRevenue = ctx.sum(C.wonRevenue);
      if (ctx.sum(C.forecastCommitSet) === 0) return nullBecause('no commit forecast for this scope and period', { commitForecast: null, wonRevenue });
      const commitForecast = ctx.sum(C.forecastCommit);
      const inputs = { commitForecast, wonRevenue };
      if (wonRevenue === 0) return nullBecause('denominator is zero', inputs);
      return valueOf(Math.max(0, 1 - Math.abs(commitForecast - wonRevenue) / wonRevenue), inputs);
    },
  },
];
