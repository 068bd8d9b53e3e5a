import { expectProblem, useCommandService } from '@quotient/testing/service';
import { costsService } from '@quotient/costs-api';

const newExpense = (overrides: Record<string, unknown> = {}) => ({ repId: 'rep-1', teamId: 'north', category: 'travel', amount: 1280.5, channel: 'direct', ...overrides });
const travelBudget = (overrides: Record<string, unknown> = {}) => ({ scope: 'team:north', period: '2026-Q4', category: 'travel', amount: 50000, ...overrides });

describe('costs service over HTTP', () => {
  const svc = useCommandService(costsService);
  const lastPosition = async () => (await svc.http.get('/health')).body.lastPosition;
  const eventsOf = async (streamId: string) => (await svc.http.get(`/streams/${streamId}/events`)).body.events;

  it('submits and approves an expense, counting it in the period it was incurred', async () => {
    const submitted = await svc.http.post('/expenses', newExpense({ occurredAt: '2026-10-30T08:00:00Z' }));
    expect(submitted.status).toBe(201);
    expect(submitted.body).toEqual({ expenseId: expect.stringMatching(/^[0-9a-f-]{36}$/), revision: 0 });
    const id = submitted.body.expenseId;
    const approved = await svc.http.post(`/expenses/${id}/approve`, { occurredAt: '2026-11-02T09:00:00Z' });
    expect(approved).toMatchObject({ status: 200, body: { revision: 1 } });

    expect((await svc.http.get(`/expenses/${id}`)).body).toEqual({
      expenseId: id,
      repId: 'rep-1',
      teamId: 'north',
      category: 'travel',
      amount: 1280.5,
      channel: 'direct',
      status: 'approved',
      submittedAt: '2026-10-30T08:00:00.000Z',
      decidedAt: '2026-11-02T09:00:00.000Z',
      rejectionReason: null,
      revision: 1,
      updatedAt: '2026-11-02T09:00:00.000Z',
    });
    const trail = await eventsOf(`costs.expense-${id}`);
    expect(trail.map((e: { type: string }) => e.type)).toEqual(['costs.ExpenseSubmitted', 'costs.ExpenseApproved']);
    expect(trail[1]).toMatchObject({ occurredAt: '2026-11-02T09:00:00.000Z', data: { expenseId: id, amount: 1280.5, channel: 'direct', incurredAt: '2026-10-30T08:00:00.000Z' } });
  });

  it('rejects an expense with a reason; an expense without channel records none', async () => {
    const { body } = await svc.http.post('/expenses', newExpense({ channel: undefined, category: 'entertainment' }));
    const rejected = await svc.http.post(`/expenses/${body.expenseId}/reject`, { reason: 'no receipt' });
    expect(rejected).toMatchObject({ status: 200, body: { revision: 1 } });
    expect((await svc.http.get(`/expenses/${body.expenseId}`)).body).toMatchObject({ status: 'rejected', rejectionReason: 'no receipt', channel: null });
    const [, event] = await eventsOf(`costs.expense-${body.expenseId}`);
    expect(event).toMatchObject({ type: 'costs.ExpenseRejected', data: { reason: 'no receipt', channel: null, incurredAt: expect.any(String) } });
  });

  it('sets a budget (201), revises it (200) and changes nothing for the same amount', async () => {
    const first = await svc.http.post('/budgets', travelBudget());
    expect(first).toMatchObject({ status: 201, body: { budgetId: 'team:north.2026-Q4.travel', revision: 0 } });
    expect(await svc.http.post('/budgets', travelBudget({ amount: 60000 }))).toMatchObject({ status: 200, body: { budgetId: 'team:north.2026-Q4.travel', revision: 1 } });
    const before = await lastPosition();
    expect(await svc.http.post('/budgets', travelBudget({ amount: 60000 }))).toMatchObject({ status: 200, body: { revision: 1 } });
    expect(await lastPosition()).toBe(before);

    const trail = await eventsOf('costs.budget-team:north.2026-Q4.travel');
    expect(trail.map((e: { data: unknown }) => e.data)).toEqual([
      { scope: 'team:north', period: '2026-Q4', category: 'travel', amount: 50000, previousAmount: null },
      { scope: 'team:north', period: '2026-Q4', category: 'travel', amount: 60000, previousAmount: 50000 },
    ]);
    const state = await svc.http.get('/budgets/team%3Anorth.2026-Q4.travel');
    expect(state).toMatchObject({ status: 200, body: { budgetId: 'team:north.2026-Q4.travel', scope: 'team:north', amount: 60000, previousAmount: 50000, revision: 1 } });
    expect((await svc.http.get('/budgets/team:north.2026-Q4.travel')).body).toEqual(state.body);

    expect(await svc.http.post('/budgets', { scope: 'org', period: '2026', category: 'total', amount: 1e6 })).toMatchObject({ status: 201, body: { budgetId: 'org.2026.total' } });
  });

  it('answers 400 naming every invalid field, and appends nothing', async () => {
    const { body } = await svc.http.post('/expenses', newExpense());
    const before = await lastPosition();
    expectProblem(await svc.http.post('/expenses', { ...newExpense({ amount: -5, category: 'food', channel: 'bad channel!' }), repId: undefined, colour: 'red' }), 400, [
      'amount',
      'category',
      'channel',
      'repId',
      'colour',
    ]);
    expectProblem(await svc.http.post('/expenses', newExpense({ currency: 'USD' })), 400, ['currency']);
    expectProblem(await svc.http.post('/expenses', '{not json'), 400);
    expectProblem(await svc.http.post('/budgets', travelBudget({ scope: 'rep:rep-1', category: 'all', amount: 0, period: '2026-Q5' })), 400, ['scope', 'category', 'amount', 'period']);
    expectProblem(await svc.http.post('/budgets', {}), 400, ['scope', 'period', 'category', 'amount']);
    expectProblem(await svc.http.post(`/expenses/${body.expenseId}/reject`, { reason: '   ' }), 400, ['reason']);
    expectProblem(await svc.http.post(`/expenses/${body.expenseId}/reject`, {}), 400, ['reason']);
    expectProblem(await svc.http.post(`/expenses/${body.expenseId}/approve`, { reason: 'why not' }), 400, ['reason']);
    expectProblem(await svc.http.post('/expenses/bad id!/approve', {}), 400, ['id']);
    expectProblem(await svc.http.get('/budgets/rep:rep-1.2026.travel'), 400, ['id']);
    expect(await lastPosition()).toBe(before);
    expect((await svc.http.get(`/expenses/${body.expenseId}`)).body.status).toBe('submitted');
  });

  it('answers 404 for an unknown expense or budget', async () => {
    expectProblem(await svc.http.post('/expenses/does-not-exist/approve', {}), 404);
    expectProblem(await svc.http.post('/expenses/does-not-exist/reject', { reason: 'x' }), 404);
    expectProblem(await svc.http.get('/expenses/does-not-exist'), 404);
    expectProblem(await svc.http.get('/budgets/team:nobody.2030.total'), 404);
  });

  it('decides an expense once: 409 for approving twice, rejecting an approved one, approving a rejected one', async () => {
    const approvedOne = (await svc.http.post('/expenses', newExpense())).body.expenseId;
    await svc.http.post(`/expenses/${approvedOne}/approve`);
    const before = await lastPosition();
    for (const attempt of [svc.http.post(`/expenses/${approvedOne}/approve`), svc.http.post(`/expenses/${approvedOne}/reject`, { reason: 'changed my mind' })]) {
      const refused = await attempt;
      expectProblem(refused, 409);
      expect(refused.body).toMatchObject({ code: 'expense-already-decided', expenseStatus: 'approved' });
    }
    const rejectedOne = (await svc.http.post('/expenses', newExpense())).body.expenseId;
    await svc.http.post(`/expenses/${rejectedOne}/reject`, { reason: 'duplicate' });
    const refused = await svc.http.post(`/expenses/${rejectedOne}/approve`);
    expectProblem(refused, 409);
    expect(refused.body.code).toBe('expense-already-decided');
    expect(await lastPosition()).toBe(before + 2);
  });

  it('refuses an occurredAt before the expense was submitted or the budget first set', async () => {
    const { body } = await svc.http.post('/expenses', newExpense({ occurredAt: '2026-05-01T00:00:00Z' }));
    const early = await svc.http.post(`/expenses/${body.expenseId}/approve`, { occurredAt: '2026-04-30T23:59:59Z' });
    expectProblem(early, 409);
    expect(early.body.code).toBe('occurred-before-creation');
    await svc.http.post('/budgets', travelBudget({ scope: 'org', occurredAt: '2026-05-01T00:00:00Z' }));
    const earlyBudget = await svc.http.post('/budgets', travelBudget({ scope: 'org', amount: 1, occurredAt: '2026-04-01T00:00:00Z' }));
    expectProblem(earlyBudget, 409);
    expect(earlyBudget.body.code).toBe('occurred-before-creation');
  });

  it('makes a submission with a client id idempotent', async () => {
    const first = await svc.http.post('/expenses', newExpense({ expenseId: 'client-expense-1' }));
    const second = await svc.http.post('/expenses', newExpense({ expenseId: 'client-expense-1' }));
    expect(first).toMatchObject({ status: 201, body: { expenseId: 'client-expense-1', revision: 0 } });
    expect(second).toMatchObject({ status: 201, body: { expenseId: 'client-expense-1', revision: 0 } });
    const other = await svc.http.post('/expenses', newExpense({ expenseId: 'client-expense-1', amount: 1 }));
    expectProblem(other, 409);
    expect(other.body.code).toBe('already-exists');
    expect(await eventsOf('costs.expense-client-expense-1')).toHaveLength(1);
  });

  it('returns the first result for a repeated Idempotency-Key and appends nothing', async () => {
    const headers = { 'Idempotency-Key': 'submit-once-7' };
    const first = await svc.http.post('/expenses', newExpense(), headers);
    const before = await lastPosition();
    const second = await svc.http.post('/expenses', newExpense(), headers);
    expect(second).toMatchObject({ status: 201, body: first.body });
    expect(await lastPosition()).toBe(before);
    const approve1 = await svc.http.post(`/expenses/${first.body.expenseId}/approve`, {}, { 'Idempotency-Key': 'approve-7' });
    const approve2 = await svc.http.post(`/expenses/${first.body.expenseId}/approve`, {}, { 'Idempotency-Key': 'approve-7' });
    expect(approve2).toMatchObject({ status: 200, body: approve1.body });
    expectProblem(await svc.http.post('/expenses', newExpense({ amount: 7 }), headers), 422);
  });

  it('loses nothing when many revisions hit one budget at once', async () => {
    const amounts = Array.from({ length: 30 }, (_, i) => 1000 + i);
    const results = await Promise.all(amounts.map((amount) => svc.http.post('/budgets', travelBudget({ scope: 'team:south', amount }))));
    expect(results.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(new Set(results.map((r) => r.body.revision)).size).toBe(30);
    const trail = await eventsOf('costs.budget-team:south.2026-Q4.travel');
    expect(trail).toHaveLength(30);
    trail.forEach((event: { data: { previousAmount: number | null } }, i: number) => expect(event.data.previousAmount).toBe(i === 0 ? null : trail[i - 1].data.amount));
  });

  it('lets exactly one of many concurrent decisions on one expense win', async () => {
    const { body } = await svc.http.post('/expenses', newExpense());
    const decisions = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? svc.http.post(`/expenses/${body.expenseId}/approve`) : svc.http.post(`/expenses/${body.expenseId}/reject`, { reason: 'r' }))),
    );
    expect(decisions.filter((r) => r.status === 200)).toHaveLength(1);
    expect(decisions.filter((r) => r.status === 409)).toHaveLength(19);
    expect(await eventsOf(`costs.expense-${body.expenseId}`)).toHaveLength(2);
  });

  it('serves health and OpenAPI with every route', async () => {
    expect((await svc.http.get('/health')).body).toMatchObject({ status: 'ok', service: 'costs' });
    const docs = await svc.http.get('/docs/openapi.json');
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/budgets', '/budgets/{id}', '/expenses', '/expenses/{id}', '/expenses/{id}/approve', '/expenses/{id}/reject', '/events', '/streams/{streamId}/events']),
    );
  });

  it('keeps everything across a restart', async () => {
    await svc.http.post('/expenses', newExpense({ expenseId: 'survivor' }));
    await svc.http.post('/expenses/survivor/approve');
    await svc.http.post('/budgets', travelBudget({ scope: 'team:east', amount: 777 }));
    await svc.restart();
    expect((await svc.http.get('/expenses/survivor')).body).toMatchObject({ expenseId: 'survivor', status: 'approved', revision: 1 });
    expect((await svc.http.get('/budgets/team:east.2026-Q4.travel')).body).toMatchObject({ amount: 777, revision: 0 });
    expectProblem(await svc.http.post('/expenses/survivor/reject', { reason: 'after restart' }), 409);
  });
});
