import type { EventOf, QuotientEvent } from '@quotient/contracts';
import { sums } from '../entries';
import type { FoldContext, FoldMeta, MetricFold } from '../definition';
import { channel, ORG, rep, team } from '../scopes';
import { COUNTERS as C, expenseCounter } from './counters';

/**
 * An approved expense is an immutable fact (rejecting it afterwards is refused upstream). It counts
 * in the period of its own `incurredAt` — the submission's business time — not of the approval.
 * Totals go to org, team, rep and channel; per-category amounts to org, team and channel.
 */
export const expensesFold: MetricFold = {
  name: 'expenses',
  handles: ['costs.ExpenseApproved'],
  apply: (event: QuotientEvent, _meta: FoldMeta, ctx: FoldContext) => {
    const { teamId, repId, category, amount, incurredAt, channel: channelId } = (event as EventOf<'costs.ExpenseApproved'>).data;
    const byChannel = channelId === null ? [] : [channel(channelId)];
    ctx.addFacts([
      ...sums(C.expenses, [ORG, team(teamId), rep(repId), ...byChannel], incurredAt, amount),
      ...sums(expenseCounter(category), [ORG, team(teamId), ...byChannel], incurredAt, amount),
    ]);
  },
};
