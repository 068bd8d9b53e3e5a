import type { MetricDefinition } from '../definition';
import { ratio, valueOf } from '../definition';
import { ORG } from '../scopes';
import { COUNTERS as C } from './counters';

export const channelMetrics: MetricDefinition[] = [
  {
    id: 'channel_revenue',
    zh: '渠道销售额',
    en: 'Channel revenue',
    area: 'channel',
    unit: 'money',
    direction: 'higher',
    scopes: ['channel'],
    formula: 'won revenue per channel',
    compute: (ctx) => valueOf(ctx.sum(C.wonRevenue), { wonRevenue: ctx.sum(C.wonRevenue) }),
  },
  {
    id: 'channel_share',
    zh: '渠道贡献占比',
    en: 'Channel share',
    area: 'channel',
    unit: 'ratio',
    direction: 'neutral',
    scopes: ['channel'],
    formula: 'channel won revenue ÷ all won revenue',
    peerDependent: true,
    compute: (ctx) => {
      const channelRevenue = ctx.sum(C.wonRevenue);
      const allRevenue = ctx.sum(C.wonRevenue, ORG);
      return ratio(channelRevenue, allRevenue, { channelRevenue, allRevenue });
    },
  },
];
