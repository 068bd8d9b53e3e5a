import type { MetricContext, MetricDefinition } from '../definition';
import { nullBecause, ratio } from '../definition';
import { COUNTERS as C } from './counters';

/** Whether a `cell:<segment>/<region>` lies inside a public scope (org holds every cell). */
const cellInside = (cell: string, scope: string): boolean => {
  const [cellSegment, cellRegion] = cell.slice('cell:'.length).split('/');
  if (scope.startsWith('segment:')) return cellSegment === scope.slice('segment:'.length);
  if (scope.startsWith('region:')) return cellRegion === scope.slice('region:'.length);
  return true;
};

/**
 * Summed over the segment+region cells of the scope that have a market size recorded for exactly
 * this period (a quarter's market size is not a month's); won revenue outside them is left out.
 */
const marketShare = (ctx: MetricContext) => {
  const cells = ctx
    .scopesWith(C.marketSize)
    .filter((cell) => cellInside(cell, ctx.scope) && ctx.sum(C.marketSize, cell) > 0)
    .sort();
  let wonRevenue = 0;
  let marketRevenue = 0;
  for (const cell of cells) {
    wonRevenue += ctx.sum(C.wonRevenue, cell);
    marketRevenue += ctx.sum(C.marketSize, cell);
  }
  const inputs = { wonRevenue: Math.round(wonRevenue * 1e6) / 1e6, marketRevenue: Math.round(marketRevenue * 1e6) / 1e6, cells: cells.map((c) => c.slice(5)) };
  return cells.length === 0 ? nullBecause('no market size recorded for this scope and period', inputs) : ratio(inputs.wonRevenue, inputs.marketRevenue, inputs);
};

export const marketMetrics: MetricDefinition[] = [
  {
    id: 'market_share',
    zh: '市场占有率',
    en: 'Market share',
    area: 'market',
    unit: 'ratio',
    direction: 'higher',
    scopes: ['segment', 'region', 'org'],
    formula: 'won revenue in segment+region+period ÷ recorded total market revenue for the same',
    // A market size touches only its (internal) cell, so every segment/region/org is re-evaluated.
    peerDependent: true,
    compute: marketShare,
  },
];
