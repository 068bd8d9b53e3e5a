import { expectProblem, useCommandService } from '@quotient/testing/service';
import { trainingService } from '@quotient/training-api';

const newRep = (overrides: Record<string, unknown> = {}) => ({ name: 'Li Wei', teamId: 'north', ...overrides });
const newProgram = (overrides: Record<string, unknown> = {}) => ({ title: 'Value selling', skill: 'negotiation', hours: 12, ...overrides });

describe('training service over HTTP', () => {
  const svc = useCommandService(trainingService);
  const lastPosition = async () => (await svc.http.get('/health')).body.lastPosition;
  const hire = async (overrides: Record<string, unknown> = {}) => (await svc.http.post('/reps', newRep(overrides))).body.repId as string;
  const createProgram = async (overrides: Record<string, unknown> = {}) => (await svc.http.post('/programs', newProgram(overrides))).body.programId as string;

  it('hires, transfers, certifies and lets a rep go, then serves its state and audit trail', async () => {
    const hired = await svc.http.post('/reps', newRep({ occurredAt: '2026-01-05T09:00:00Z' }));
    expect(hired.status).toBe(201);
    expect(hired.body).toEqual({ repId: expect.stringMatching(/^[0-9a-f-]{36}$/), revision: 0 });
    const id = hired.body.repId;
    expect(await svc.http.post(`/reps/${id}/transfer`, { teamId: 'south' })).toMatchObject({ status: 200, body: { revision: 1 } });
    expect(await svc.http.post(`/reps/${id}/transfer`, { teamId: 'south' })).toMatchObject({ status: 200, body: { revision: 1 } });
    expect(await svc.http.post(`/reps/${id}/certifications`, { certification: 'CSP' })).toMatchObject({ status: 200, body: { revision: 2 } });
    expect(await svc.http.post(`/reps/${id}/certifications`, { certification: 'CSP' })).toMatchObject({ status: 200, body: { revision: 2 } });
    expect(await svc.http.post(`/reps/${id}/leave`, { reason: 'resigned', occurredAt: '2026-06-30T17:00:00Z' })).toMatchObject({ status: 200, body: { revision: 3 } });

    const state = await svc.http.get(`/reps/${id}`);
    expect(state.body).toEqual({
      repId: id,
      name: 'Li Wei',
      teamId: 'south',
      status: 'left',
      hiredAt: '2026-01-05T09:00:00.000Z',
      certifications: ['CSP'],
      leftAt: '2026-06-30T17:00:00.000Z',
      leaveReason: 'resigned',
      revision: 3,
      updatedAt: '2026-06-30T17:00:00.000Z',
    });

    const trail = await svc.http.get(`/streams/training.rep-${id}/events`);
    expect(trail.body.events.map((e: { type: string; data: unknown }) => [e.type, e.data])).toEqual([
      ['training.RepHired', { repId: id, name: 'Li Wei', teamId: 'north' }],
      ['training.RepTransferred', { repId: id, fromTeamId: 'north', toTeamId: 'south' }],
      ['training.RepCertified', { repId: id, teamId: 'south', certification: 'CSP' }],
      ['training.RepLeft', { repId: id, teamId: 'south', reason: 'resigned', hiredAt: '2026-01-05T09:00:00.000Z' }],
    ]);
  });

  it('creates a program, enrols reps and records completions, then serves its state', async () => {
    const created = await svc.http.post('/programs', newProgram({ occurredAt: '2026-02-01T00:00:00Z' }));
    expect(created).toMatchObject({ status: 201, body: { programId: expect.stringMatching(/^[0-9a-f-]{36}$/), revision: 0 } });
    const programId = created.body.programId;
    const repId = await hire({ teamId: 'east' });
    const enrolled = await svc.http.post(`/programs/${programId}/enrolments`, { repId, occurredAt: '2026-03-01T00:00:00Z' });
    expect(enrolled).toMatchObject({ status: 200, body: { revision: 1 } });
    expect(await svc.http.post(`/programs/${programId}/enrolments`, { repId })).toMatchObject({ status: 200, body: { revision: 1 } });
    expect(await svc.http.post(`/programs/${programId}/completions`, { repId, score: 88, occurredAt: '2026-03-20T00:00:00Z' })).toMatchObject({ status: 200, body: { revision: 2 } });
    expect(await svc.http.post(`/programs/${programId}/completions`, { repId, score: 88 })).toMatchObject({ status: 200, body: { revision: 2 } });

    const state = await svc.http.get(`/programs/${programId}`);
    expect(state.body).toMatchObject({
      programId,
      title: 'Value selling',
      skill: 'negotiation',
      hours: 12,
      createdAt: '2026-02-01T00:00:00.000Z',
      enrolments: [{ repId, teamId: 'east', enrolledAt: '2026-03-01T00:00:00.000Z', completion: { completedAt: '2026-03-20T00:00:00.000Z', score: 88 } }],
      revision: 2,
    });
    const trail = await svc.http.get(`/streams/training.program-${programId}/events`);
    expect(trail.body.events.map((e: { data: unknown }) => e.data)).toEqual([
      { programId, title: 'Value selling', skill: 'negotiation', hours: 12 },
      { programId, repId, teamId: 'east', hours: 12 },
      { programId, repId, teamId: 'east', hours: 12, score: 88, enrolledAt: '2026-03-01T00:00:00.000Z' },
    ]);
  });

  it('answers 400 naming every invalid field, and appends nothing', async () => {
    const before = await lastPosition();
    expectProblem(await svc.http.post('/reps', { name: '', teamId: 'bad team!', colour: 'red' }), 400, ['name', 'teamId', 'colour']);
    expectProblem(await svc.http.post('/programs', { title: 'T', skill: 's', hours: 0 }), 400, ['hours']);
    expectProblem(await svc.http.post('/programs', { title: 'T', hours: 1001, occurredAt: 'yesterday' }), 400, ['skill', 'hours', 'occurredAt']);
    expectProblem(await svc.http.post('/programs/p/completions', { repId: 'r', score: 101 }), 400, ['score']);
    expectProblem(await svc.http.post('/programs/p/enrolments', {}), 400, ['repId']);
    expectProblem(await svc.http.post('/reps/x/leave', {}), 400, ['reason']);
    expectProblem(await svc.http.post('/reps/bad id!/transfer', { teamId: 'south' }), 400, ['id']);
    expectProblem(await svc.http.post('/reps', '{not json'), 400);
    expect(await lastPosition()).toBe(before);
  });

  it('answers 404 for an unknown rep or program', async () => {
    expectProblem(await svc.http.post('/reps/nobody/transfer', { teamId: 'south' }), 404);
    expectProblem(await svc.http.get('/reps/nobody'), 404);
    expectProblem(await svc.http.get('/programs/nothing'), 404);
    const programId = await createProgram();
    const unknownRep = await svc.http.post(`/programs/${programId}/enrolments`, { repId: 'nobody' });
    expectProblem(unknownRep, 404);
    expect(unknownRep.body).toMatchObject({ kind: 'rep', id: 'nobody' });
    const unknownProgram = await svc.http.post('/programs/nothing/enrolments', { repId: await hire() });
    expectProblem(unknownProgram, 404);
    expect(unknownProgram.body).toMatchObject({ kind: 'program', id: 'nothing' });
  });

  it('answers 409 when a rule is broken', async () => {
    const programId = await createProgram({ occurredAt: '2026-02-01T00:00:00Z' });
    const repId = await hire({ occurredAt: '2026-01-01T00:00:00Z' });
    const code = async (path: string, body: unknown) => {
      const answer = await svc.http.post(path, body);
      expectProblem(answer, 409);
      return answer.body.code;
    };
    expect(await code(`/programs/${programId}/completions`, { repId, score: 70 })).toBe('not-enrolled');
    await svc.http.post(`/programs/${programId}/enrolments`, { repId, occurredAt: '2026-03-01T00:00:00Z' });
    expect(await code(`/programs/${programId}/completions`, { repId, score: 70, occurredAt: '2026-02-15T00:00:00Z' })).toBe('completed-before-enrolment');
    await svc.http.post(`/programs/${programId}/completions`, { repId, score: 70 });
    expect(await code(`/programs/${programId}/completions`, { repId, score: 71 })).toBe('training-already-completed');
    expect(await code(`/programs/${programId}/enrolments`, { repId, occurredAt: '2026-01-15T00:00:00Z' })).toBe('occurred-before-creation');
    expect(await code(`/reps/${repId}/certifications`, { certification: 'CSP', occurredAt: '2025-12-31T00:00:00Z' })).toBe('occurred-before-creation');

    await svc.http.post(`/reps/${repId}/leave`, { reason: 'resigned' });
    const before = await lastPosition();
    expect(await code(`/reps/${repId}/leave`, { reason: 'again' })).toBe('rep-already-left');
    expect(await code(`/reps/${repId}/transfer`, { teamId: 'south' })).toBe('rep-already-left');
    expect(await code(`/reps/${repId}/certifications`, { certification: 'CSP' })).toBe('rep-already-left');
    expect(await code(`/programs/${await createProgram()}/enrolments`, { repId })).toBe('rep-already-left');
    expect(await lastPosition()).toBe(before + 1);
  });

  it('makes a create with a client id idempotent', async () => {
    const first = await svc.http.post('/reps', newRep({ repId: 'client-rep-1' }));
    const second = await svc.http.post('/reps', newRep({ repId: 'client-rep-1' }));
    expect(first).toMatchObject({ status: 201, body: { repId: 'client-rep-1', revision: 0 } });
    expect(second).toMatchObject({ status: 201, body: { repId: 'client-rep-1', revision: 0 } });
    expectProblem(await svc.http.post('/reps', newRep({ repId: 'client-rep-1', teamId: 'west' })), 409);
    expect(await svc.http.post('/programs', newProgram({ programId: 'onboarding' }))).toMatchObject({ status: 201, body: { programId: 'onboarding', revision: 0 } });
    expect(await svc.http.post('/programs', newProgram({ programId: 'onboarding' }))).toMatchObject({ status: 201, body: { programId: 'onboarding', revision: 0 } });
    const clash = await svc.http.post('/programs', newProgram({ programId: 'onboarding', hours: 3 }));
    expectProblem(clash, 409);
    expect(clash.body.code).toBe('already-exists');
  });

  it('returns the first result for a repeated Idempotency-Key and appends nothing', async () => {
    const headers = { 'Idempotency-Key': 'hire-once-7' };
    const first = await svc.http.post('/reps', newRep(), headers);
    const before = await lastPosition();
    expect(await svc.http.post('/reps', newRep(), headers)).toMatchObject({ status: 201, body: first.body });
    expect(await lastPosition()).toBe(before);
    const programId = await createProgram();
    const enrol = () => svc.http.post(`/programs/${programId}/enrolments`, { repId: first.body.repId }, { 'Idempotency-Key': 'enrol-7' });
    const once = await enrol();
    expect(await enrol()).toMatchObject({ status: 200, body: once.body });
    expectProblem(await svc.http.post('/reps', newRep({ name: 'Someone else' }), headers), 422);
  });

  it('loses nothing when many commands hit one aggregate at once', async () => {
    const programId = await createProgram();
    const reps = await Promise.all(Array.from({ length: 30 }, (_, i) => hire({ teamId: `team-${i % 3}` })));
    const enrol = (repId: string) => svc.http.post(`/programs/${programId}/enrolments`, { repId });
    const enrolledReps = async () => (await svc.http.get(`/programs/${programId}`)).body.enrolments.map((e: { repId: string }) => e.repId).sort();

    // One burst: each answer is an acknowledged enrolment or a stale-revision 409 that appended nothing.
    const burst = await Promise.all(reps.map(enrol));
    expect(burst.every((r) => r.status === 200 || r.body.code === 'concurrency-conflict')).toBe(true);
    const acknowledged = reps.filter((_, i) => burst[i].status === 200);
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(await enrolledReps()).toEqual([...acknowledged].sort());

    // A client retrying the 409s ends with every rep enrolled exactly once.
    const pending = reps.filter((_, i) => burst[i].status !== 200);
    for (let round = 0; pending.length > 0 && round < 20; round++) {
      const answers = await Promise.all(pending.map(enrol));
      pending.splice(0, pending.length, ...pending.filter((_, i) => answers[i].status !== 200));
    }
    expect(pending).toEqual([]);
    expect(await enrolledReps()).toEqual([...reps].sort());
    const trail = await svc.http.get(`/streams/training.program-${programId}/events`);
    expect(trail.body.events).toHaveLength(31);
  });

  it('serves health and OpenAPI with every route', async () => {
    expect((await svc.http.get('/health')).body).toMatchObject({ status: 'ok', service: 'training' });
    const docs = await svc.http.get('/docs/openapi.json');
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/reps',
        '/reps/{id}',
        '/reps/{id}/transfer',
        '/reps/{id}/leave',
        '/reps/{id}/certifications',
        '/programs',
        '/programs/{id}',
        '/programs/{id}/enrolments',
        '/programs/{id}/completions',
        '/events',
      ]),
    );
  });

  it('keeps everything across a restart', async () => {
    const repId = await hire({ repId: 'survivor' });
    const programId = await createProgram({ programId: 'lasting' });
    await svc.http.post(`/programs/${programId}/enrolments`, { repId });
    await svc.restart();
    expect((await svc.http.get('/reps/survivor')).body).toMatchObject({ repId: 'survivor', status: 'active' });
    expect((await svc.http.get('/programs/lasting')).body.enrolments).toEqual([expect.objectContaining({ repId: 'survivor', completion: null })]);
  });
});
