import { AggregateNotFound, AlreadyExists, OccurredBeforeCreation } from '@quotient/kernel';
import { deciderSpec, testMetadata } from '@quotient/testing';
import type { DealCommand } from './deal.commands';
import { dealDecider } from './deal.decider';
import { DealAlreadyClosed } from './deal.errors';
import type { DealEvent } from './deal.events';

const attribution = { dealId: 'd1', customerId: 'c1', ownerRepId: 'r1', teamId: 't1', region: 'east', channel: 'direct', segment: 'smb' };
const opening = { ...attribution, amount: 1000, stage: 'prospecting' as const, expectedCloseDate: '2026-06-30' };
const at = (occurredAt: string) => testMetadata(occurredAt);

const dealOpened = (occurredAt = '2026-03-01T09:00:00.000Z'): DealEvent & { occurredAt: string } => ({
  type: 'deals.DealOpened',
  data: { ...attribution, amount: 1000, stage: 'prospecting', probability: 0.1, expectedCloseDate: '2026-06-30' },
  occurredAt,
});
const dealWon = (): DealEvent => ({ type: 'deals.DealWon', data: { ...attribution, amount: 1000, openedAt: '2026-03-01T09:00:00.000Z' } });
const dealLost = (): DealEvent => ({
  type: 'deals.DealLost',
  data: { ...attribution, amount: 1000, openedAt: '2026-03-01T09:00:00.000Z', reason: 'price', competitor: null },
});

const cmd = <T extends DealCommand['type']>(type: T, data: Extract<DealCommand, { type: T }>['data'], occurredAt = '2026-03-02T09:00:00.000Z') =>
  ({ type, data, metadata: at(occurredAt) }) as DealCommand;

const given = deciderSpec(dealDecider);

describe('deal decider', () => {
  describe('OpenDeal', () => {
    it('opens a deal with the default probability of its stage', () =>
      given().when(cmd('OpenDeal', opening)).then([{ type: 'deals.DealOpened', data: { ...attribution, amount: 1000, stage: 'prospecting', probability: 0.1, expectedCloseDate: '2026-06-30' } }]));
    it('rounds money to cents', () =>
      given().when(cmd('OpenDeal', { ...opening, amount: 10.005 + 0.001 })).then([expect.objectContaining({ data: expect.objectContaining({ amount: 10.01 }) })] as never));
    it('is idempotent for the same id and facts', () => given(dealOpened()).when(cmd('OpenDeal', opening)).thenNothing());
    it('refuses the same id with other facts', () => given(dealOpened()).when(cmd('OpenDeal', { ...opening, amount: 5 })).thenThrows(AlreadyExists));
  });

  describe('ChangeDealStage', () => {
    it('moves the stage with the default probability', () =>
      given(dealOpened())
        .when(cmd('ChangeDealStage', { dealId: 'd1', stage: 'proposal' }))
        .then([{ type: 'deals.DealStageChanged', data: { ...attribution, from: 'prospecting', to: 'proposal', probability: 0.5, amount: 1000, expectedCloseDate: '2026-06-30' } }]));
    it('takes an explicit probability', () =>
      given(dealOpened())
        .when(cmd('ChangeDealStage', { dealId: 'd1', stage: 'negotiation', probability: 0.65 }))
        .then([expect.objectContaining({ data: expect.objectContaining({ to: 'negotiation', probability: 0.65 }) })] as never));
    it('changes nothing when stage and probability are unchanged', () =>
      given(dealOpened()).when(cmd('ChangeDealStage', { dealId: 'd1', stage: 'prospecting' })).thenNothing());
    it('refuses an unknown deal', () => given().when(cmd('ChangeDealStage', { dealId: 'd1', stage: 'proposal' })).thenThrows(AggregateNotFound));
    it('refuses a closed deal', () => given(dealOpened(), dealLost()).when(cmd('ChangeDealStage', { dealId: 'd1', stage: 'proposal' })).thenThrows(DealAlreadyClosed));
    it('refuses a business time before the deal was opened', () =>
      given(dealOpened()).when(cmd('ChangeDealStage', { dealId: 'd1', stage: 'proposal' }, '2026-02-01T00:00:00.000Z')).thenThrows(OccurredBeforeCreation));
  });

  describe('ChangeDealAmount', () => {
    it('records the old and the new amount', () =>
      given(dealOpened()).when(cmd('ChangeDealAmount', { dealId: 'd1', amount: 1500 })).then([{ type: 'deals.DealAmountChanged', data: { ...attribution, from: 1000, to: 1500 } }]));
    it('changes nothing for the same amount', () => given(dealOpened()).when(cmd('ChangeDealAmount', { dealId: 'd1', amount: 1000 })).thenNothing());
    it('refuses a won deal', () => given(dealOpened(), dealWon()).when(cmd('ChangeDealAmount', { dealId: 'd1', amount: 5 })).thenThrows(DealAlreadyClosed, 'deal-already-closed'));
    it('refuses an unknown deal', () => given().when(cmd('ChangeDealAmount', { dealId: 'd1', amount: 5 })).thenThrows(AggregateNotFound));
  });

  describe('WinDeal', () => {
    it('wins at the current amount', () => given(dealOpened()).when(cmd('WinDeal', { dealId: 'd1' })).then([dealWon()]));
    it('wins at a final amount', () =>
      given(dealOpened()).when(cmd('WinDeal', { dealId: 'd1', amount: 900 })).then([{ type: 'deals.DealWon', data: { ...attribution, amount: 900, openedAt: '2026-03-01T09:00:00.000Z' } }]));
    it('refuses a deal won already', () => given(dealOpened(), dealWon()).when(cmd('WinDeal', { dealId: 'd1' })).thenThrows(DealAlreadyClosed));
    it('refuses a lost deal', () => given(dealOpened(), dealLost()).when(cmd('WinDeal', { dealId: 'd1' })).thenThrows(DealAlreadyClosed));
    it('refuses an unknown deal', () => given().when(cmd('WinDeal', { dealId: 'd1' })).thenThrows(AggregateNotFound));
    it('refuses a business time before the deal was opened', () =>
      given(dealOpened()).when(cmd('WinDeal', { dealId: 'd1' }, '2025-12-31T00:00:00.000Z')).thenThrows(OccurredBeforeCreation));
  });

  describe('LoseDeal', () => {
    it('loses with reason and competitor', () =>
      given(dealOpened())
        .when(cmd('LoseDeal', { dealId: 'd1', reason: 'price', competitor: 'Acme' }))
        .then([{ type: 'deals.DealLost', data: { ...attribution, amount: 1000, openedAt: '2026-03-01T09:00:00.000Z', reason: 'price', competitor: 'Acme' } }]));
    it('loses without a competitor', () => given(dealOpened()).when(cmd('LoseDeal', { dealId: 'd1', reason: 'price' })).then([dealLost()]));
    it('refuses a won deal', () => given(dealOpened(), dealWon()).when(cmd('LoseDeal', { dealId: 'd1', reason: 'x' })).thenThrows(DealAlreadyClosed));
    it('refuses an unknown deal', () => given().when(cmd('LoseDeal', { dealId: 'd1', reason: 'x' })).thenThrows(AggregateNotFound));
  });

  describe('LogActivity', () => {
    it('logs an activity on an open deal', () =>
      given(dealOpened()).when(cmd('LogActivity', { dealId: 'd1', kind: 'demo' })).then([{ type: 'deals.ActivityLogged', data: { ...attribution, kind: 'demo' } }]));
    it('refuses a closed deal', () => given(dealOpened(), dealWon()).when(cmd('LogActivity', { dealId: 'd1', kind: 'call' })).thenThrows(DealAlreadyClosed));
    it('refuses an unknown deal', () => given().when(cmd('LogActivity', { dealId: 'd1', kind: 'call' })).thenThrows(AggregateNotFound));
  });
});
