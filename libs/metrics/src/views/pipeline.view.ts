import { DEAL_STAGES, DEFAULT_STAGE_PROBABILITY, type DealStage } from '@quotient/contracts';
import type { DealData } from '../areas/deal.entity';
import type { MetricState } from '../metric-state';
import { periodsOf } from '../periods';
import { scopesOf } from '../scopes';

export interface StageTally {
  deals: number;
  amount: number;
}

export interface PipelineByStage {
  readonly scope: string;
  readonly period: string;
  /** Per stage: deals open at it (expected to close in the period) and deals lost from it (in the period). */
  readonly stages: ReadonlyArray<{ readonly stage: DealStage; readonly open: StageTally; readonly lost: StageTally }>;
  /** Deals won in the period (a won deal has passed every stage). */
  readonly won: StageTally;
}

/** Read models written before deals kept their stage: the stage whose default probability is nearest. */
const stageOf = (deal: DealData): DealStage =>
  deal.stage ??
  DEAL_STAGES.reduce((best, stage) =>
    Math.abs(DEFAULT_STAGE_PROBABILITY[stage] - deal.probability) < Math.abs(DEFAULT_STAGE_PROBABILITY[best] - deal.probability) ? stage : best,
  );

const inScope = (deal: DealData, scope: string): boolean => {
  const { teamId, ownerRepId: repId, region, channel, segment } = deal.attribution;
  return scopesOf({ teamId, repId, region, channel, segment }).includes(scope);
};

const add = (tally: StageTally, amount: number) => {
  tally.deals += 1;
  tally.amount = Math.round((tally.amount + amount) * 1e6) / 1e6;
};

/**
 * The pipeline of a scope by stage, the same deals the metrics count: open deals by their
 * expectedCloseDate (as open_pipeline), won and lost deals by the day they closed (as win_rate).
 */
export const pipelineByStage = (state: MetricState, scope: string, period: string): PipelineByStage => {
  const open = new Map(DEAL_STAGES.map((s) => [s, { deals: 0, amount: 0 }]));
  const lost = new Map(DEAL_STAGES.map((s) => [s, { deals: 0, amount: 0 }]));
  const won = { deals: 0, amount: 0 };
  for (const [key, record] of state.entities) {
    if (!key.startsWith('deal:')) continue;
    const deal = record.data as DealData;
    if (!inScope(deal, scope)) continue;
    const day = deal.status === 'open' ? deal.expectedCloseDate : deal.closedAt;
    if (day === null || !periodsOf(day).includes(period)) continue;
    if (deal.status === 'won') add(won, deal.amount);
    else add((deal.status === 'open' ? open : lost).get(stageOf(deal))!, deal.amount);
  }
  return { scope, period, stages: DEAL_STAGES.map((stage) => ({ stage, open: open.get(stage)!, lost: lost.get(stage)! })), won };
};
