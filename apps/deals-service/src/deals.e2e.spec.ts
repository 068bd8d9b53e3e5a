import { expectProblem, useCommandService } from '@quotient/testing/service';
import { dealsService } from '@quotient/deals-api';

const newDeal = (overrides: Record<string, unknown> = {}) => ({
  customerId: 'c-1',
  ownerRepId: 'rep-1',
  teamId: 'north',
  region: 'east',
  channel: 'direct',
  segment: 'enterprise',
  amount: 120000,
  stage: 'qualification',
  expectedCloseDate: '2026-12-15',
  ...overrides,
});

describe('deals service over HTTP', () => {
  const svc = useCommandService(dealsService);

  it('opens, advances, and wins a deal, then serves its state and its audit trail', async () => {
    const opened = await svc.http.post('/deals', newDeal({ occurredAt: '2026-10-01T08:00:00Z' }));
    expect(opened.status).toBe(201);
    expect(opened.body).toEqual({ dealId: expect.stringMatching(/^[0-9a-f-]{36}$/), revision: 0 });
    const id = opened.body.dealId;
    expect((await svc.http.post(`/deals/${id}/stage`, { stage: 'proposal' })).body).toEqual({ revision: 1 });
    expect((await svc.http.post(`/deals/${id}/activities`, { kind: 'demo' })).body).toEqual({ revision: 2 });
    expect((await svc.http.post(`/deals/${id}/amount`, { amount: 130000 })).body).toEqual({ revision: 3 });
    const won = await svc.http.post(`/deals/${id}/win`, {});
    expect(won).toMatchObject({ status: 200, body: { revision: 4 } });

    const state = await svc.http.get(`/deals/${id}`);
    expect(state.body).toMatchObject({ dealId: id, status: 'won', amount: 130000, stage: 'proposal', probability: 0.5, revision: 4, openedAt: '2026-10-01T08:00:00.000Z' });

    const trail = await svc.http.get(`/streams/deals.deal-${id}/events`);
    expect(trail.body.events.map((e: { type: string }) => e.type)).toEqual([
      'deals.DealOpened',
      'deals.DealStageChanged',
      'deals.ActivityLogged',
      'deals.DealAmountChanged',
      'deals.DealWon',
    ]);
    expect(trail.body.events[0]).toMatchObject({ streamId: `deals.deal-${id}`, revision: 0, schemaVersion: 1, tenantId: 'default', occurredAt: '2026-10-01T08:00:00.000Z' });
    expect(trail.body.events[0].id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
  });

  it('answers 400 naming every invalid field, and appends nothing', async () => {
    const { body: opened } = await svc.http.post('/deals', newDeal());
    const before = (await svc.http.get('/health')).body.lastPosition;
    const bad = await svc.http.post('/deals', { ...newDeal({ amount: -5, stage: 'won', expectedCloseDate: 'soon' }), teamId: undefined, colour: 'red' });
    expectProblem(bad, 400, ['amount', 'stage', 'expectedCloseDate', 'teamId', 'colour']);
    const messages = Object.fromEntries(bad.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]));
    expect(messages).toMatchObject({ teamId: 'is required', colour: 'is not a known field', expectedCloseDate: 'expected a date such as 2026-06-30', amount: 'expected an amount greater than 0' });
    // An absent enum is "required" too (zod alone says "Invalid option: expected one of …").
    expect((await svc.http.post(`/deals/${opened.dealId}/stage`, {})).body.errors).toEqual([{ field: 'stage', message: 'is required' }]);
    expect((await svc.http.post(`/deals/${opened.dealId}/activities`, { kind: 'fax' })).body.errors).toEqual([{ field: 'kind', message: expect.stringContaining('call') }]);
    expectProblem(await svc.http.post('/deals', '{not json'), 400);
    expectProblem(await svc.http.post('/deals', newDeal({ currency: 'USD' })), 400, ['currency']);
    expectProblem(await svc.http.post('/deals/bad id!/win', {}), 400, ['id']);
    expect((await svc.http.get('/health')).body.lastPosition).toBe(before);
  });

  it('answers 415 for a body that is not JSON, and 400 for a JSON body that is not an object', async () => {
    const { body: opened } = await svc.http.post('/deals', newDeal());
    const before = (await svc.http.get('/health')).body.lastPosition;
    // curl -d '{}' without -H 'content-type: application/json' sends a form.
    const asForm = await fetch(`${svc.service.url}/deals/${opened.dealId}/win`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '{}' });
    expect(asForm.status).toBe(415);
    expect(asForm.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await asForm.json()).toMatchObject({ status: 415, code: 'unsupported-media-type', detail: expect.stringContaining('Content-Type: application/json') });
    const asText = await fetch(`${svc.service.url}/deals/${opened.dealId}/win`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(asText.status).toBe(415);
    expectProblem(await svc.http.post(`/deals/${opened.dealId}/win`, 'null'), 400, ['(body)']);
    expect((await svc.http.get('/health')).body.lastPosition).toBe(before);
    // A command without a body at all (curl -XPOST) is an empty one.
    expect((await svc.http.call('POST', `/deals/${opened.dealId}/win`)).status).toBe(200);
  });

  it('accepts the base currency explicitly', async () => {
    expect((await svc.http.post('/deals', newDeal({ currency: 'CNY' }))).status).toBe(201);
  });

  it('answers 404 for an unknown deal and 409 when winning a deal twice', async () => {
    expectProblem(await svc.http.post('/deals/does-not-exist/win', {}), 404);
    expectProblem(await svc.http.get('/deals/does-not-exist'), 404);
    const { body } = await svc.http.post('/deals', newDeal());
    await svc.http.post(`/deals/${body.dealId}/win`, {});
    const again = await svc.http.post(`/deals/${body.dealId}/win`, {});
    expectProblem(again, 409);
    expect(again.body.code).toBe('deal-already-closed');
  });

  it('refuses an occurredAt before the deal was opened', async () => {
    const { body } = await svc.http.post('/deals', newDeal({ occurredAt: '2026-05-01T00:00:00Z' }));
    const early = await svc.http.post(`/deals/${body.dealId}/stage`, { stage: 'proposal', occurredAt: '2026-04-01T00:00:00Z' });
    expectProblem(early, 409);
    expect(early.body.code).toBe('occurred-before-creation');
  });

  it('makes a create with a client id idempotent', async () => {
    const first = await svc.http.post('/deals', newDeal({ dealId: 'client-deal-1' }));
    const second = await svc.http.post('/deals', newDeal({ dealId: 'client-deal-1' }));
    expect(first).toMatchObject({ status: 201, body: { dealId: 'client-deal-1', revision: 0 } });
    expect(second).toMatchObject({ status: 201, body: { dealId: 'client-deal-1', revision: 0 } });
    expectProblem(await svc.http.post('/deals', newDeal({ dealId: 'client-deal-1', amount: 1 })), 409);
  });

  it('returns the first result for a repeated Idempotency-Key and appends nothing', async () => {
    const headers = { 'Idempotency-Key': 'open-once-42' };
    const first = await svc.http.post('/deals', newDeal(), headers);
    const before = (await svc.http.get('/health')).body.lastPosition;
    const second = await svc.http.post('/deals', newDeal(), headers);
    expect(second.body).toEqual(first.body);
    expect((await svc.http.get('/health')).body.lastPosition).toBe(before);
    const win1 = await svc.http.post(`/deals/${first.body.dealId}/win`, {}, { 'Idempotency-Key': 'win-42' });
    const win2 = await svc.http.post(`/deals/${first.body.dealId}/win`, {}, { 'Idempotency-Key': 'win-42' });
    expect(win2).toMatchObject({ status: 200, body: win1.body });
    const reused = await svc.http.post('/deals', newDeal({ amount: 7 }), headers);
    expectProblem(reused, 422);
  });

  it('loses nothing when many commands hit one deal at once', async () => {
    const { body } = await svc.http.post('/deals', newDeal());
    const results = await Promise.all(Array.from({ length: 40 }, () => svc.http.post(`/deals/${body.dealId}/activities`, { kind: 'call' })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(new Set(results.map((r) => r.body.revision)).size).toBe(40);
    const trail = await svc.http.get(`/streams/deals.deal-${body.dealId}/events`);
    expect(trail.body.events).toHaveLength(41);
  });

  it('sets and revises targets, records forecasts and market sizes', async () => {
    const target = { scope: 'team:north', period: '2026-Q4', measure: 'revenue', value: 1_000_000 };
    expect(await svc.http.post('/targets', target)).toMatchObject({ status: 201, body: { targetId: 'team:north.2026-Q4.revenue', revision: 0 } });
    expect(await svc.http.post('/targets', { ...target, value: 1_200_000 })).toMatchObject({ status: 200, body: { revision: 1 } });
    expectProblem(await svc.http.post('/targets', { ...target, scope: 'galaxy:far', period: '2026-Q5' }), 400, ['scope', 'period']);
    // No metric reads a region's, channel's or segment's target or forecast: refused, not kept unread.
    const regional = await svc.http.post('/targets', { ...target, scope: 'region:west' });
    expectProblem(regional, 400, ['scope']);
    expect(regional.body.errors[0].message).toContain('org, team:<id> or rep:<id>');
    expectProblem(await svc.http.post('/forecasts', { scope: 'segment:smb', period: '2026-Q4', amount: 1, category: 'commit' }), 400, ['scope']);
    expectProblem(await svc.http.post('/forecasts', { scope: 'segment', period: '2026-Q4', amount: 1, category: 'commit' }), 400, ['scope']);
    expect(await svc.http.post('/forecasts', { scope: 'org', period: '2026-Q4', amount: 900000, category: 'commit' })).toMatchObject({ status: 201 });
    expect(await svc.http.post('/forecasts', { scope: 'org', period: '2026-Q4', amount: 950000, category: 'bestCase' })).toMatchObject({ status: 200, body: { revision: 1 } });
    expect(await svc.http.post('/markets', { segment: 'enterprise', region: 'east', period: '2026', totalRevenue: 5e7, source: 'IDC' })).toMatchObject({ status: 201 });
  });

  it('serves health, OpenAPI and the whole log in pages', async () => {
    expect((await svc.http.get('/health')).body).toMatchObject({ status: 'ok', service: 'deals' });
    const docs = await svc.http.get('/docs/openapi.json');
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/deals', '/deals/{id}/win', '/targets', '/events']));
    const page = await svc.http.get('/events?fromPosition=1&limit=2');
    expect(page.body.events.map((e: { position: number }) => e.position)).toEqual([1, 2]);
    expect(page.body.nextFromPosition).toBe(3);
    expectProblem(await svc.http.get('/events?limit=0'), 400, ['limit']);
  });

  it('keeps everything across a restart', async () => {
    const { body } = await svc.http.post('/deals', newDeal({ dealId: 'survivor' }));
    await svc.restart();
    expect((await svc.http.get(`/deals/${body.dealId}`)).body).toMatchObject({ dealId: 'survivor', status: 'open' });
  });
});
