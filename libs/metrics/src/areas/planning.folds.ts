import type { EventOf, QuotientEvent } from '@quotient/contracts';
import { sumsInPeriod } from '../entries';
import type { FoldContext, FoldMeta, MetricFold } from '../definition';
import { marketCell } from '../scopes';
import { budgetCounter, COUNTERS as C, targetCounter } from './counters';
import { setRevisioned } from './support';

interface Revisioned {
  readonly revision: number;
  readonly value: number;
}

/** A target lives in its stated period only: a quarter target is not a month target. */
export const targetsFold: MetricFold = {
  name: 'targets',
  handles: ['deals.TargetSet'],
  apply: (event: QuotientEvent, meta: FoldMeta, ctx: FoldContext) => {
    const { scope, period, measure, value } = (event as EventOf<'deals.TargetSet'>).data;
    setRevisioned<Revisioned>(ctx, `target:${scope}.${period}.${measure}`, meta, { revision: meta.revision, value }, (d) =>
      sumsInPeriod(targetCounter(measure), [scope], period, d.value),
    );
  },
};

/**
 * The latest `commit` forecast of a scope+period (by stream revision: the forecast stream holds
 * every submission in order). A second counter records that one exists, since 0 is a valid call.
 */
export const forecastsFold: MetricFold = {
  name: 'forecasts',
  handles: ['deals.ForecastSubmitted'],
  apply: (event: QuotientEvent, meta: FoldMeta, ctx: FoldContext) => {
    const { scope, period, category, amount } = (event as EventOf<'deals.ForecastSubmitted'>).data;
    if (category !== 'commit') return;
    setRevisioned<Revisioned>(ctx, `forecast:${scope}.${period}.commit`, meta, { revision: meta.revision, value: amount }, (d) => [
      ...sumsInPeriod(C.forecastCommit, [scope], period, d.value),
      ...sumsInPeriod(C.forecastCommitSet, [scope], period, 1),
    ]);
  },
};

/** The recorded total market revenue of one segment+region cell for one period (latest correction). */
export const marketSizesFold: MetricFold = {
  name: 'market-sizes',
  handles: ['deals.MarketSizeRecorded'],
  apply: (event: QuotientEvent, meta: FoldMeta, ctx: FoldContext) => {
    const { segment, region, period, totalRevenue } = (event as EventOf<'deals.MarketSizeRecorded'>).data;
    setRevisioned<Revisioned>(ctx, `market:${segment}.${region}.${period}`, meta, { revision: meta.revision, value: totalRevenue }, (d) =>
      sumsInPeriod(C.marketSize, [marketCell(segment, region)], period, d.value),
    );
  },
};

/** A budget per scope+period+category (or `total`), in its stated period, latest revision. */
export const budgetsFold: MetricFold = {
  name: 'budgets',
  handles: ['costs.BudgetSet'],
  apply: (event: QuotientEvent, meta: FoldMeta, ctx: FoldContext) => {
    const { scope, period, category, amount } = (event as EventOf<'costs.BudgetSet'>).data;
    setRevisioned<Revisioned>(ctx, `budget:${scope}.${period}.${category}`, meta, { revision: meta.revision, value: amount }, (d) =>
      sumsInPeriod(budgetCounter(category), [scope], period, d.value),
    );
  },
};
