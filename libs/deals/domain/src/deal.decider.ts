import { DealAttribution, DealStage, DEFAULT_STAGE_PROBABILITY } from '@quotient/contracts';
import { AggregateNotFound, AlreadyExists, Decider, ensureNotBeforeCreation, roundMoney, sameFacts, StoredDomainEvent, unreachable } from '@quotient/kernel';
import type { ChangeDealAmount, ChangeDealStage, DealCommand, LogActivity, LoseDeal, OpenDeal, WinDeal } from './deal.commands';
import { DealAlreadyClosed } from './deal.errors';
import type { DealEvent } from './deal.events';

export type Deal =
  | { readonly status: 'none' }
  | {
      readonly status: 'open' | 'won' | 'lost';
      readonly attribution: DealAttribution;
      readonly amount: number;
      readonly stage: DealStage;
      readonly probability: number;
      readonly expectedCloseDate: string;
      readonly openedAt: string;
      readonly opening: OpenDeal['data'];
    };

type ExistingDeal = Exclude<Deal, { status: 'none' }>;

export const initialDeal = (): Deal => ({ status: 'none' });

const existing = (deal: Deal, dealId: string, occurredAt: string): ExistingDeal => {
  if (deal.status === 'none') throw new AggregateNotFound('deal', dealId);
  ensureNotBeforeCreation('deal', dealId, deal.openedAt, occurredAt);
  return deal;
};

const open = (deal: Deal, dealId: string, occurredAt: string): ExistingDeal & { status: 'open' } => {
  const found = existing(deal, dealId, occurredAt);
  if (found.status !== 'open') throw new DealAlreadyClosed(dealId, found.status);
  return found as ExistingDeal & { status: 'open' };
};

const openDeal = ({ data }: OpenDeal, deal: Deal): DealEvent[] => {
  if (deal.status !== 'none') {
    if (sameFacts(deal.opening, { ...data, amount: roundMoney(data.amount) })) return [];
    throw new AlreadyExists('deal', data.dealId);
  }
  const { amount, stage, expectedCloseDate, ...attribution } = data;
  return [{ type: 'deals.DealOpened', data: { ...attribution, amount: roundMoney(amount), stage, probability: DEFAULT_STAGE_PROBABILITY[stage], expectedCloseDate } }];
};

const changeStage = ({ data, metadata }: ChangeDealStage, deal: Deal): DealEvent[] => {
  const current = open(deal, data.dealId, metadata.occurredAt);
  const probability = data.probability ?? DEFAULT_STAGE_PROBABILITY[data.stage];
  if (current.stage === data.stage && current.probability === probability) return [];
  return [
    {
      type: 'deals.DealStageChanged',
      data: { ...current.attribution, from: current.stage, to: data.stage, probability, amount: current.amount, expectedCloseDate: current.expectedCloseDate },
    },
  ];
};

const changeAmount = ({ data, metadata }: ChangeDealAmount, deal: Deal): DealEvent[] => {
  const current = open(deal, data.dealId, metadata.occurredAt);
  const amount = roundMoney(data.amount);
  if (current.amount === amount) return [];
  return [{ type: 'deals.DealAmountChanged', data: { ...current.attribution, from: current.amount, to: amount } }];
};

const win = ({ data, metadata }: WinDeal, deal: Deal): DealEvent[] => {
  const current = open(deal, data.dealId, metadata.occurredAt);
  const amount = data.amount === undefined ? current.amount : roundMoney(data.amount);
  return [{ type: 'deals.DealWon', data: { ...current.attribution, amount, openedAt: current.openedAt } }];
};

const lose = ({ data, metadata }: LoseDeal, deal: Deal): DealEvent[] => {
  const current = open(deal, data.dealId, metadata.occurredAt);
  return [
    {
      type: 'deals.DealLost',
      data: { ...current.attribution, amount: current.amount, openedAt: current.openedAt, reason: data.reason, competitor: data.competitor ?? null },
    },
  ];
};

const logActivity = ({ data, metadata }: LogActivity, deal: Deal): DealEvent[] => {
  const current = open(deal, data.dealId, metadata.occurredAt);
  return [{ type: 'deals.ActivityLogged', data: { ...current.attribution, kind: data.kind } }];
};

export const decideDeal = (command: DealCommand, deal: Deal): DealEvent[] => {
  switch (command.type) {
    case 'OpenDeal':
      return openDeal(command, deal);
    case 'ChangeDealStage':
      return changeStage(command, deal);
    case 'ChangeDealAmount':
      return changeAmount(command, deal);
    case 'WinDeal':
      return win(command, deal);
    case 'LoseDeal':
      return lose(command, deal);
    case 'LogActivity':
      return logActivity(command, deal);
    default:
      return unreachable(command);
  }
};

export const evolveDeal = (deal: Deal, event: StoredDomainEvent<DealEvent>): Deal => {
  switch (event.type) {
    case 'deals.DealOpened': {
      const { amount, stage, probability, expectedCloseDate, ...attribution } = event.data;
      return {
        status: 'open',
        attribution,
        amount,
        stage,
        probability,
        expectedCloseDate,
        openedAt: event.occurredAt,
        opening: { ...attribution, amount, stage, expectedCloseDate },
      };
    }
    case 'deals.DealStageChanged':
      return deal.status === 'none' ? deal : { ...deal, stage: event.data.to, probability: event.data.probability };
    case 'deals.DealAmountChanged':
      return deal.status === 'none' ? deal : { ...deal, amount: event.data.to };
    case 'deals.DealWon':
      return deal.status === 'none' ? deal : { ...deal, status: 'won', amount: event.data.amount };
    case 'deals.DealLost':
      return deal.status === 'none' ? deal : { ...deal, status: 'lost' };
    case 'deals.ActivityLogged':
      return deal;
    default:
      return unreachable(event);
  }
};

export const dealDecider: Decider<DealCommand, Deal, DealEvent> = {
  decide: decideDeal,
  evolve: evolveDeal,
  initialState: initialDeal,
};
