import { expectProblem, useCommandService } from '@quotient/testing/service';
import { customersService } from '@quotient/customers-api';

const newCustomer = (overrides: Record<string, unknown> = {}) => ({
  name: 'Acme Ltd',
  segment: 'enterprise',
  region: 'east',
  channel: 'direct',
  ownerRepId: 'rep-1',
  teamId: 'north',
  ...overrides,
});

describe('customers service over HTTP', () => {
  const svc = useCommandService(customersService);
  const register = async (overrides: Record<string, unknown> = {}): Promise<string> => (await svc.http.post('/customers', newCustomer(overrides))).body.customerId;
  const lastPosition = async (): Promise<number> => (await svc.http.get('/health')).body.lastPosition;

  it('registers a customer, records feedback, churns and reactivates it, then serves its state and audit trail', async () => {
    const registered = await svc.http.post('/customers', newCustomer({ occurredAt: '2026-10-01T08:00:00Z' }));
    expect(registered).toMatchObject({ status: 201, body: { customerId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7/), revision: 0 } });
    const id = registered.body.customerId;
    expect(await svc.http.post(`/customers/${id}/surveys`, { kind: 'csat', score: 5, occurredAt: '2026-10-02T08:00:00Z' })).toMatchObject({ status: 200, body: { revision: 1 } });
    expect(await svc.http.post(`/customers/${id}/surveys`, { kind: 'nps', score: 3, occurredAt: '2026-10-03T08:00:00Z' })).toMatchObject({ status: 200, body: { revision: 2 } });
    const complaint = await svc.http.post(`/customers/${id}/complaints`, { severity: 'high', occurredAt: '2026-10-04T08:00:00Z' });
    expect(complaint).toMatchObject({ status: 201, body: { complaintId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7/), revision: 3 } });
    const cid = complaint.body.complaintId;
    expect(await svc.http.post(`/customers/${id}/complaints`, { complaintId: 'K-2', severity: 'low' })).toMatchObject({ status: 201, body: { complaintId: 'K-2', revision: 4 } });
    const resolved = await svc.http.post(`/customers/${id}/complaints/${cid}/resolve`, { occurredAt: '2026-10-05T20:00:00Z' });
    expect(resolved).toMatchObject({ status: 200, body: { revision: 5 } });

    const state = await svc.http.get(`/customers/${id}`);
    expect(state.body).toEqual({
      customerId: id,
      ...newCustomer(),
      status: 'active',
      registeredAt: '2026-10-01T08:00:00.000Z',
      statusSince: '2026-10-01T08:00:00.000Z',
      churnReason: null,
      openComplaints: [{ complaintId: 'K-2', severity: 'low', openedAt: expect.any(String) }],
      resolvedComplaints: 1,
      latestSurvey: { kind: 'nps', score: 3, recordedAt: '2026-10-03T08:00:00.000Z' },
      revision: 5,
      updatedAt: '2026-10-05T20:00:00.000Z',
    });

    expect(await svc.http.post(`/customers/${id}/churn`, { reason: 'moved to a competitor' })).toMatchObject({ status: 200, body: { revision: 6 } });
    expect((await svc.http.get(`/customers/${id}`)).body).toMatchObject({ status: 'churned', churnReason: 'moved to a competitor' });
    expect(await svc.http.post(`/customers/${id}/reactivate`)).toMatchObject({ status: 200, body: { revision: 7 } });
    expect((await svc.http.get(`/customers/${id}`)).body).toMatchObject({ status: 'active', churnReason: null });

    const trail = await svc.http.get(`/streams/customers.customer-${id}/events`);
    expect(trail.body.events.map((e: { type: string }) => e.type)).toEqual([
      'customers.CustomerRegistered',
      'customers.SurveyRecorded',
      'customers.SurveyRecorded',
      'customers.ComplaintOpened',
      'customers.ComplaintOpened',
      'customers.ComplaintResolved',
      'customers.CustomerChurned',
      'customers.CustomerReactivated',
    ]);
    const attribution = { customerId: id, ownerRepId: 'rep-1', teamId: 'north', segment: 'enterprise', region: 'east', channel: 'direct' };
    expect(trail.body.events[0]).toMatchObject({ streamId: `customers.customer-${id}`, revision: 0, schemaVersion: 1, occurredAt: '2026-10-01T08:00:00.000Z', data: { ...attribution, name: 'Acme Ltd' } });
    expect(trail.body.events[5].data).toEqual({ ...attribution, complaintId: cid, severity: 'high', openedAt: '2026-10-04T08:00:00.000Z' });
    expect(trail.body.events[7].data).toEqual(attribution);
  });

  it('answers 400 naming every invalid field, and appends nothing', async () => {
    const id = await register();
    const before = await lastPosition();
    expectProblem(await svc.http.post('/customers', { ...newCustomer({ name: '  ', segment: 'a b' }), teamId: undefined, colour: 'red' }), 400, ['name', 'segment', 'teamId', 'colour']);
    expectProblem(await svc.http.post('/customers', '{not json'), 400);
    expectProblem(await svc.http.post(`/customers/${id}/surveys`, { kind: 'csat', score: 9 }), 400, ['score']);
    expectProblem(await svc.http.post(`/customers/${id}/surveys`, { kind: 'nps', score: 11, occurredAt: 'yesterday' }), 400, ['score', 'occurredAt']);
    expectProblem(await svc.http.post(`/customers/${id}/surveys`, { kind: 'ces', score: 3 }), 400, ['kind']);
    expectProblem(await svc.http.post(`/customers/${id}/complaints`, { complaintId: 'bad id!', severity: 'urgent' }), 400, ['complaintId', 'severity']);
    expectProblem(await svc.http.post(`/customers/${id}/churn`, {}), 400, ['reason']);
    expectProblem(await svc.http.post('/customers/bad id!/complaints/also bad!/resolve', {}), 400, ['id', 'cid']);
    expectProblem(await svc.http.post(`/customers/${id}/reactivate`, { reason: 'x' }), 400, ['reason']);
    expect(await lastPosition()).toBe(before);
  });

  it('answers 404 for an unknown customer or complaint', async () => {
    expectProblem(await svc.http.get('/customers/nobody'), 404);
    expectProblem(await svc.http.post('/customers/nobody/surveys', { kind: 'csat', score: 3 }), 404);
    expectProblem(await svc.http.post('/customers/nobody/churn', { reason: 'x' }), 404);
    const id = await register();
    const unknownComplaint = await svc.http.post(`/customers/${id}/complaints/nothing/resolve`);
    expectProblem(unknownComplaint, 404);
    expect(unknownComplaint.body).toMatchObject({ code: 'not-found', kind: 'complaint', id: 'nothing' });
  });

  it('answers 409 on every rule violation, and appends nothing', async () => {
    const id = await register({ occurredAt: '2026-05-01T00:00:00Z' });
    await svc.http.post(`/customers/${id}/complaints`, { complaintId: 'k1', severity: 'high', occurredAt: '2026-05-10T00:00:00Z' });
    await svc.http.post(`/customers/${id}/complaints/k1/resolve`, { occurredAt: '2026-05-11T00:00:00Z' });
    await svc.http.post(`/customers/${id}/complaints`, { complaintId: 'k2', severity: 'low', occurredAt: '2026-05-12T00:00:00Z' });
    await svc.http.post(`/customers/${id}/churn`, { reason: 'price', occurredAt: '2026-06-01T00:00:00Z' });
    const before = await lastPosition();
    const conflicts: [string, unknown, string][] = [
      [`/customers/${id}/churn`, { reason: 'again' }, 'customer-already-churned'],
      [`/customers/${id}/surveys`, { kind: 'csat', score: 4 }, 'customer-churned'],
      [`/customers/${id}/complaints`, { severity: 'low' }, 'customer-churned'],
      [`/customers/${id}/complaints`, { complaintId: 'k1', severity: 'low' }, 'already-exists'],
      [`/customers/${id}/complaints/k1/resolve`, {}, 'complaint-already-resolved'],
      [`/customers/${id}/complaints/k2/resolve`, { occurredAt: '2026-05-11T23:59:59Z' }, 'resolved-before-opened'],
      [`/customers/${id}/reactivate`, { occurredAt: '2026-05-20T00:00:00Z' }, 'status-change-out-of-order'],
      [`/customers/${id}/reactivate`, { occurredAt: '2026-04-01T00:00:00Z' }, 'occurred-before-creation'],
    ];
    for (const [path, body, code] of conflicts) {
      const answer = await svc.http.post(path, body);
      expectProblem(answer, 409);
      expect(answer.body.code).toBe(code);
    }
    expect(await lastPosition()).toBe(before);
    expect((await svc.http.post(`/customers/${id}/complaints/k2/resolve`)).status).toBe(200);
    expect((await svc.http.post(`/customers/${id}/reactivate`)).status).toBe(200);
    expectProblem(await svc.http.post(`/customers/${id}/reactivate`), 409);
  });

  it('makes a create with a client id idempotent, for customers and complaints', async () => {
    const first = await svc.http.post('/customers', newCustomer({ customerId: 'client-customer-1' }));
    const second = await svc.http.post('/customers', newCustomer({ customerId: 'client-customer-1' }));
    expect(first).toMatchObject({ status: 201, body: { customerId: 'client-customer-1', revision: 0 } });
    expect(second).toMatchObject({ status: 201, body: { customerId: 'client-customer-1', revision: 0 } });
    const other = await svc.http.post('/customers', newCustomer({ customerId: 'client-customer-1', teamId: 'south' }));
    expectProblem(other, 409);
    expect(other.body.code).toBe('already-exists');

    const complaint = { complaintId: 'ticket-7', severity: 'medium' };
    expect(await svc.http.post('/customers/client-customer-1/complaints', complaint)).toMatchObject({ status: 201, body: { complaintId: 'ticket-7', revision: 1 } });
    expect(await svc.http.post('/customers/client-customer-1/complaints', complaint)).toMatchObject({ status: 201, body: { complaintId: 'ticket-7', revision: 1 } });
    expect((await svc.http.get('/streams/customers.customer-client-customer-1/events')).body.events).toHaveLength(2);
  });

  it('returns the first result for a repeated Idempotency-Key and appends nothing', async () => {
    const headers = { 'Idempotency-Key': 'register-once-42' };
    const first = await svc.http.post('/customers', newCustomer(), headers);
    const before = await lastPosition();
    expect(await svc.http.post('/customers', newCustomer(), headers)).toMatchObject({ status: 201, body: first.body });
    expect(await lastPosition()).toBe(before);
    const survey = { kind: 'nps', score: 10 };
    const once = await svc.http.post(`/customers/${first.body.customerId}/surveys`, survey, { 'Idempotency-Key': 'survey-42' });
    const twice = await svc.http.post(`/customers/${first.body.customerId}/surveys`, survey, { 'Idempotency-Key': 'survey-42' });
    expect(twice).toMatchObject({ status: 200, body: once.body });
    expect((await svc.http.get(`/streams/customers.customer-${first.body.customerId}/events`)).body.events).toHaveLength(2);
    expectProblem(await svc.http.post('/customers', newCustomer({ name: 'Other' }), headers), 422);
  });

  it('loses nothing when many commands hit one customer at once', async () => {
    const id = await register();
    const results = await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => svc.http.post(`/customers/${id}/surveys`, { kind: 'nps', score: i % 11 })),
      ...Array.from({ length: 20 }, () => svc.http.post(`/customers/${id}/complaints`, { severity: 'low' })),
    ]);
    expect(results.map((r) => r.status)).toEqual([...Array(20).fill(200), ...Array(20).fill(201)]);
    expect(new Set(results.map((r) => r.body.revision)).size).toBe(40);
    expect(new Set(results.slice(20).map((r) => r.body.complaintId)).size).toBe(20);
    expect((await svc.http.get(`/streams/customers.customer-${id}/events`)).body.events).toHaveLength(41);
    expect((await svc.http.get(`/customers/${id}`)).body.openComplaints).toHaveLength(20);
  });

  it('serves health and an OpenAPI document listing its routes', async () => {
    expect((await svc.http.get('/health')).body).toMatchObject({ status: 'ok', service: 'customers' });
    const docs = await svc.http.get('/docs/openapi.json');
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/customers',
        '/customers/{id}',
        '/customers/{id}/surveys',
        '/customers/{id}/complaints',
        '/customers/{id}/complaints/{cid}/resolve',
        '/customers/{id}/churn',
        '/customers/{id}/reactivate',
        '/events',
      ]),
    );
    expect(docs.body.paths['/customers/{id}/complaints'].post.responses['201']).toBeDefined();
  });

  it('keeps everything across a restart', async () => {
    await svc.http.post('/customers', newCustomer({ customerId: 'survivor' }));
    await svc.http.post('/customers/survivor/complaints', { complaintId: 'k1', severity: 'high' });
    await svc.restart();
    expect((await svc.http.get('/customers/survivor')).body).toMatchObject({ customerId: 'survivor', status: 'active', openComplaints: [{ complaintId: 'k1', severity: 'high' }] });
    expect((await svc.http.post('/customers/survivor/complaints/k1/resolve')).status).toBe(200);
  });
});
