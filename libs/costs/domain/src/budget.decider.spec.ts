import { OccurredBeforeCreation } from '@quotient/kernel';
import { deciderSpec, testMetadata } from '@quotient/testing';
import { BudgetCategory, SetBudget, SetBudgetData } from './budget.commands';
import { budgetDecider } from './budget.decider';
import type { BudgetSet } from './budget.events';
import { BudgetId, budgetId, budgetStream } from './budget.events';

const given = deciderSpec(budgetDecider);

const setBudget = (amount: number, occurredAt = '2026-03-02T09:00:00.000Z', category: BudgetCategory = 'travel'): SetBudget => ({
  type: 'SetBudget',
  data: { scope: 'team:north', period: '2026-Q2', category, amount },
  metadata: testMetadata(occurredAt),
});
const budgetSet = (amount: number, previousAmount: number | null, occurredAt = '2026-03-01T09:00:00.000Z'): BudgetSet & { occurredAt: string } => ({
  type: 'costs.BudgetSet',
  data: { scope: 'team:north', period: '2026-Q2', category: 'travel', amount, previousAmount },
  occurredAt,
});
const withoutTime = ({ type, data }: BudgetSet) => ({ type, data });

describe('budget decider', () => {
  describe('SetBudget', () => {
    it('sets a first budget with no previous amount', () => given().when(setBudget(5000)).then([withoutTime(budgetSet(5000, null))]));
    it('sets a budget for the whole scope as the total category', () =>
      given()
        .when(setBudget(20000, undefined, 'total'))
        .then([{ type: 'costs.BudgetSet', data: { scope: 'team:north', period: '2026-Q2', category: 'total', amount: 20000, previousAmount: null } }]));
    it('revises a budget, keeping the previous amount', () => given(budgetSet(5000, null)).when(setBudget(6000)).then([withoutTime(budgetSet(6000, 5000))]));
    it('keeps the latest amount as the previous one after several revisions', () =>
      given(budgetSet(5000, null), budgetSet(6000, 5000)).when(setBudget(4000)).then([withoutTime(budgetSet(4000, 6000))]));
    it('changes nothing when the amount is the same', () => given(budgetSet(5000, null)).when(setBudget(5000)).thenNothing());
    it('rounds money to cents before comparing', () => given(budgetSet(5000, null)).when(setBudget(5000.004)).thenNothing());
    it('rounds money to cents', () => given().when(setBudget(10.005 + 0.001)).then([withoutTime(budgetSet(10.01, null))]));
    it('refuses a revision earlier than the first setting', () =>
      given(budgetSet(5000, null)).when(setBudget(6000, '2026-02-01T00:00:00.000Z')).thenThrows(OccurredBeforeCreation, 'occurred-before-creation'));
    it('remembers when the budget was first set, not last revised', () =>
      expect(given(budgetSet(5000, null, '2026-03-01T09:00:00.000Z'), budgetSet(6000, 5000, '2026-04-01T09:00:00.000Z')).state()).toMatchObject({
        status: 'set',
        amount: 6000,
        previousAmount: 5000,
        setAt: '2026-03-01T09:00:00.000Z',
      }));
  });
});

describe('budget ids', () => {
  it('names one stream per scope, period and category', () => {
    expect(budgetId({ scope: 'team:north', period: '2026-Q4', category: 'travel' })).toBe('team:north.2026-Q4.travel');
    expect(budgetStream('org.2026.total')).toBe('costs.budget-org.2026.total');
  });
  it.each(['org.2026.total', 'team:north.2026-11.travel', 'team:a.b.2026-Q4.marketing'])('accepts %s', (id) => expect(BudgetId.safeParse(id).success).toBe(true));
  it.each(['rep:r1.2026.travel', 'org.2026-Q5.travel', 'org.2026.food', 'org.2026', 'team:.2026.total'])('refuses %s', (id) => expect(BudgetId.safeParse(id).success).toBe(false));
});

describe('budget input', () => {
  const valid = { scope: 'org', period: '2026', category: 'total', amount: 1000 };
  it.each(['org', 'team:north'])('accepts the scope %s', (scope) => expect(SetBudgetData.safeParse({ ...valid, scope }).success).toBe(true));
  it.each(['rep:r1', 'region:east', 'channel:web', 'segment:smb', 'team:'])('refuses the scope %s: utilisation is for org and teams only', (scope) =>
    expect(SetBudgetData.safeParse({ ...valid, scope }).success).toBe(false));
  it.each(['travel', 'commission', 'other', 'total'])('accepts the category %s', (category) => expect(SetBudgetData.safeParse({ ...valid, category }).success).toBe(true));
  it.each(['all', 'food'])('refuses the category %s', (category) => expect(SetBudgetData.safeParse({ ...valid, category }).success).toBe(false));
  it.each([0, -5])('refuses the amount %s', (amount) => expect(SetBudgetData.safeParse({ ...valid, amount }).success).toBe(false));
});
