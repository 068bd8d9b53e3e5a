import type { ExpenseFacts } from '@quotient/contracts';
import { AggregateNotFound, AlreadyExists, Decider, ensureNotBeforeCreation, roundMoney, sameFacts, StoredDomainEvent, unreachable } from '@quotient/kernel';
import type { ApproveExpense, ExpenseCommand, RejectExpense, SubmitExpense } from './expense.commands';
import { ExpenseAlreadyDecided } from './expense.errors';
import type { ExpenseEvent } from './expense.events';

export type Expense =
  | { readonly status: 'none' }
  | {
      readonly status: 'submitted' | 'approved' | 'rejected';
      readonly facts: ExpenseFacts;
      readonly submittedAt: string;
      readonly decidedAt: string | null;
      readonly rejectionReason: string | null;
    };

type SubmittedExpense = Exclude<Expense, { status: 'none' }>;

export const initialExpense = (): Expense => ({ status: 'none' });

/** The facts of a submission as its event records them: money to cents, no channel as null. */
const factsOf = ({ expenseId, repId, teamId, category, amount, channel }: SubmitExpense['data']): ExpenseFacts => ({
  expenseId,
  repId,
  teamId,
  category,
  amount: roundMoney(amount),
  channel: channel ?? null,
});

const undecided = (expense: Expense, expenseId: string, occurredAt: string): SubmittedExpense => {
  if (expense.status === 'none') throw new AggregateNotFound('expense', expenseId);
  ensureNotBeforeCreation('expense', expenseId, expense.submittedAt, occurredAt);
  if (expense.status !== 'submitted') throw new ExpenseAlreadyDecided(expenseId, expense.status);
  return expense;
};

const submit = ({ data }: SubmitExpense, expense: Expense): ExpenseEvent[] => {
  const facts = factsOf(data);
  if (expense.status !== 'none') {
    if (sameFacts(expense.facts, facts)) return [];
    throw new AlreadyExists('expense', data.expenseId);
  }
  return [{ type: 'costs.ExpenseSubmitted', data: facts }];
};

/** Approved and rejected carry the submission's business time: the period the expense counts in. */
const approve = ({ data, metadata }: ApproveExpense, expense: Expense): ExpenseEvent[] => {
  const current = undecided(expense, data.expenseId, metadata.occurredAt);
  return [{ type: 'costs.ExpenseApproved', data: { ...current.facts, incurredAt: current.submittedAt } }];
};

const reject = ({ data, metadata }: RejectExpense, expense: Expense): ExpenseEvent[] => {
  const current = undecided(expense, data.expenseId, metadata.occurredAt);
  return [{ type: 'costs.ExpenseRejected', data: { ...current.facts, incurredAt: current.submittedAt, reason: data.reason } }];
};

export const decideExpense = (command: ExpenseCommand, expense: Expense): ExpenseEvent[] => {
  switch (command.type) {
    case 'SubmitExpense':
      return submit(command, expense);
    case 'ApproveExpense':
      return approve(command, expense);
    case 'RejectExpense':
      return reject(command, expense);
    default:
      return unreachable(command);
  }
};

export const evolveExpense = (expense: Expense, event: StoredDomainEvent<ExpenseEvent>): Expense => {
  switch (event.type) {
    case 'costs.ExpenseSubmitted':
      return { status: 'submitted', facts: event.data, submittedAt: event.occurredAt, decidedAt: null, rejectionReason: null };
    case 'costs.ExpenseApproved':
      return expense.status === 'none' ? expense : { ...expense, status: 'approved', decidedAt: event.occurredAt };
    case 'costs.ExpenseRejected':
      return expense.status === 'none' ? expense : { ...expense, status: 'rejected', decidedAt: event.occurredAt, rejectionReason: event.data.reason };
    default:
      return unreachable(event);
  }
};

export const expenseDecider: Decider<ExpenseCommand, Expense, ExpenseEvent> = {
  decide: decideExpense,
  evolve: evolveExpense,
  initialState: initialExpense,
};
