import { AggregateNotFound, AlreadyExists, OccurredBeforeCreation } from '@quotient/kernel';
import { deciderSpec, testMetadata } from '@quotient/testing';
import type { ExpenseCommand } from './expense.commands';
import { expenseDecider } from './expense.decider';
import { ExpenseAlreadyDecided } from './expense.errors';
import type { ExpenseEvent } from './expense.events';

const facts = { expenseId: 'e1', repId: 'r1', teamId: 't1', category: 'travel' as const, amount: 420.5, channel: 'direct' };
const submittedAt = '2026-03-01T09:00:00.000Z';

const expenseSubmitted = (overrides: Partial<typeof facts> | { channel: null } = {}): ExpenseEvent & { occurredAt: string } => ({
  type: 'costs.ExpenseSubmitted',
  data: { ...facts, ...overrides },
  occurredAt: submittedAt,
});
const expenseApproved = (): ExpenseEvent => ({ type: 'costs.ExpenseApproved', data: { ...facts, incurredAt: submittedAt } });
const expenseRejected = (reason = 'no receipt'): ExpenseEvent => ({ type: 'costs.ExpenseRejected', data: { ...facts, incurredAt: submittedAt, reason } });

const cmd = <T extends ExpenseCommand['type']>(type: T, data: Extract<ExpenseCommand, { type: T }>['data'], occurredAt = '2026-03-05T09:00:00.000Z') =>
  ({ type, data, metadata: testMetadata(occurredAt) }) as ExpenseCommand;

const given = deciderSpec(expenseDecider);

describe('expense decider', () => {
  describe('SubmitExpense', () => {
    it('submits an expense with its attribution', () => given().when(cmd('SubmitExpense', facts)).then([{ type: 'costs.ExpenseSubmitted', data: facts }]));
    it('records a missing channel as null', () =>
      given()
        .when(cmd('SubmitExpense', { ...facts, channel: undefined }))
        .then([{ type: 'costs.ExpenseSubmitted', data: { ...facts, channel: null } }]));
    it('rounds money to cents', () => given().when(cmd('SubmitExpense', { ...facts, amount: 10.005 + 0.001 })).then([{ type: 'costs.ExpenseSubmitted', data: { ...facts, amount: 10.01 } }]));
    it('is idempotent for the same id and facts', () => given(expenseSubmitted()).when(cmd('SubmitExpense', facts)).thenNothing());
    it('is idempotent when the amount only differs below a cent', () => given(expenseSubmitted()).when(cmd('SubmitExpense', { ...facts, amount: 420.501 })).thenNothing());
    it('is idempotent without a channel both times', () =>
      given(expenseSubmitted({ channel: null })).when(cmd('SubmitExpense', { ...facts, channel: undefined })).thenNothing());
    it('is idempotent after the expense was decided', () => given(expenseSubmitted(), expenseApproved()).when(cmd('SubmitExpense', facts)).thenNothing());
    it('refuses the same id with other facts', () =>
      given(expenseSubmitted()).when(cmd('SubmitExpense', { ...facts, amount: 1 })).thenThrows(AlreadyExists, 'already-exists'));
    it('refuses the same id with another channel', () =>
      given(expenseSubmitted()).when(cmd('SubmitExpense', { ...facts, channel: undefined })).thenThrows(AlreadyExists));
  });

  describe('ApproveExpense', () => {
    it('approves a submitted expense, counting it in the period it was incurred', () =>
      given(expenseSubmitted()).when(cmd('ApproveExpense', { expenseId: 'e1' }, '2026-04-02T10:00:00.000Z')).then([expenseApproved()]));
    it('approves at the very time of submission', () => given(expenseSubmitted()).when(cmd('ApproveExpense', { expenseId: 'e1' }, submittedAt)).then([expenseApproved()]));
    it('refuses an expense approved already', () =>
      given(expenseSubmitted(), expenseApproved()).when(cmd('ApproveExpense', { expenseId: 'e1' })).thenThrows(ExpenseAlreadyDecided, 'expense-already-decided'));
    it('refuses a rejected expense', () =>
      given(expenseSubmitted(), expenseRejected()).when(cmd('ApproveExpense', { expenseId: 'e1' })).thenThrows(ExpenseAlreadyDecided, 'expense-already-decided'));
    it('refuses an unknown expense', () => given().when(cmd('ApproveExpense', { expenseId: 'e1' })).thenThrows(AggregateNotFound, 'not-found'));
    it('refuses a business time before the submission', () =>
      given(expenseSubmitted()).when(cmd('ApproveExpense', { expenseId: 'e1' }, '2026-02-28T23:59:59.999Z')).thenThrows(OccurredBeforeCreation, 'occurred-before-creation'));
  });

  describe('RejectExpense', () => {
    it('rejects a submitted expense with a reason', () =>
      given(expenseSubmitted()).when(cmd('RejectExpense', { expenseId: 'e1', reason: 'no receipt' })).then([expenseRejected('no receipt')]));
    it('refuses to reject an approved expense: an approved expense stays a cost', () =>
      given(expenseSubmitted(), expenseApproved()).when(cmd('RejectExpense', { expenseId: 'e1', reason: 'late' })).thenThrows(ExpenseAlreadyDecided, 'expense-already-decided'));
    it('refuses an expense rejected already', () =>
      given(expenseSubmitted(), expenseRejected()).when(cmd('RejectExpense', { expenseId: 'e1', reason: 'again' })).thenThrows(ExpenseAlreadyDecided));
    it('refuses an unknown expense', () => given().when(cmd('RejectExpense', { expenseId: 'e1', reason: 'x' })).thenThrows(AggregateNotFound));
    it('refuses a business time before the submission', () =>
      given(expenseSubmitted()).when(cmd('RejectExpense', { expenseId: 'e1', reason: 'x' }, '2026-01-01T00:00:00.000Z')).thenThrows(OccurredBeforeCreation));
  });

  describe('state', () => {
    it('knows when and how an expense was decided', () => {
      expect(given(expenseSubmitted(), expenseRejected('duplicate')).state()).toMatchObject({ status: 'rejected', rejectionReason: 'duplicate', submittedAt, facts });
      expect(given(expenseSubmitted(), expenseApproved()).state()).toMatchObject({ status: 'approved', rejectionReason: null, decidedAt: '2026-01-01T00:00:00.000Z' });
    });
  });
});
