import { commonRoutes, createdResponse, RevisionResponse, RouteDoc } from '@quotient/http';
import { ApproveExpenseBody, RejectExpenseBody, SetBudgetBody, SubmitExpenseBody } from './costs.dto';

const tag = 'costs';

export const costsRoutes: RouteDoc[] = [
  {
    method: 'post',
    path: '/budgets',
    summary:
      'Set or revise the budget of scope (org or team:<id>) + period + category (an expense category, or `total` for the whole scope); 201 when first set, 200 when revised',
    tag,
    body: SetBudgetBody,
    status: 201,
    response: createdResponse('budgetId'),
  },
  { method: 'get', path: '/budgets/{id}', summary: 'Current budget, by id <scope>.<period>.<category> (e.g. team:north.2026-Q4.travel)', tag },
  { method: 'post', path: '/expenses', summary: 'Submit an expense (a client expenseId makes it idempotent)', tag, body: SubmitExpenseBody, status: 201, response: createdResponse('expenseId') },
  { method: 'get', path: '/expenses/{id}', summary: 'Current state of an expense', tag },
  { method: 'post', path: '/expenses/{id}/approve', summary: 'Approve a submitted expense: it becomes a cost of the period it was incurred in', tag, body: ApproveExpenseBody, response: RevisionResponse },
  { method: 'post', path: '/expenses/{id}/reject', summary: 'Reject a submitted expense (an approved one cannot be rejected)', tag, body: RejectExpenseBody, response: RevisionResponse },
  ...commonRoutes(tag),
];
