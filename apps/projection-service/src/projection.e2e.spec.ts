import { expectProblem, sseClient, systemHarness } from '@quotient/testing/service';
import { costsService } from '@quotient/costs-api';
import { customersService } from '@quotient/customers-api';
import { dealsService } from '@quotient/deals-api';
import { trainingService } from '@quotient/training-api';

const Q = '2026-Q2';
const deal = (dealId: string, repId: string, teamId: string, amount: number) => ({
  dealId,
  customerId: `cust-${dealId}`,
  ownerRepId: repId,
  teamId,
  region: 'east',
  channel: 'direct',
  segment: 'smb',
  amount,
  stage: 'proposal',
  expectedCloseDate: '2026-06-30',
  occurredAt: '2026-04-02T09:00:00Z',
});

describe('projection over HTTP (commands → metrics → SSE)', () => {
  const system = systemHarness({ deals: dealsService, customers: customersService, costs: costsService, training: trainingService });
  beforeAll(() => system.setup(), 60_000);
  afterAll(() => system.teardown());
  const deals = () => system.service('deals');
  const metric = async (id: string, scope: string, extra = '') => (await system.projection.get(`/metrics/${id}?scope=${scope}&period=${Q}${extra}`)).body;

  beforeAll(async () => {
    await deals().post('/targets', { scope: 'rep:ann', period: Q, measure: 'revenue', value: 100000 });
    await deals().post('/targets', { scope: 'team:north', period: Q, measure: 'revenue', value: 200000 });
    await deals().post('/targets', { scope: 'org', period: Q, measure: 'revenue', value: 400000 });
    for (const [id, amount] of [['d1', 30000], ['d2', 20000], ['d3', 50000]] as const) await deals().post('/deals', deal(id, 'ann', 'north', amount));
    await deals().post('/deals/d1/win', { occurredAt: '2026-04-20T10:00:00Z' });
    await deals().post('/deals/d2/lose', { reason: 'price', occurredAt: '2026-04-21T10:00:00Z' });
    await system.settle();
  }, 60_000);

  it('serves target attainment and win rate computed from the commands', async () => {
    // won 30,000 of a 100,000 rep target; 1 won of 2 closed.
    expect(await metric('target_attainment', 'rep:ann')).toMatchObject({ value: 0.3, unit: 'ratio', inputs: expect.any(Object) });
    expect(await metric('target_attainment', 'team:north')).toMatchObject({ value: 0.15 });
    expect(await metric('target_attainment', 'org')).toMatchObject({ value: 0.075 });
    expect(await metric('win_rate', 'rep:ann')).toMatchObject({ value: 0.5 });
    const all = (await system.projection.get(`/metrics?period=${Q}&scope=org`)).body;
    expect(all.length).toBeGreaterThan(20);
    expect(all.find((m: { metric: string }) => m.metric === 'win_rate')).toMatchObject({ value: 0.5, name: { zh: '赢单率', en: expect.any(String) } });
  });

  it('announces a win on /metrics/changes and changes rep, team and org values', async () => {
    const sse = sseClient(`${system.projectionUrl}/metrics/changes`);
    await sse.opened;
    const before = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await deals().post('/deals/d3/win', { occurredAt: '2026-04-25T10:00:00Z' });
    for (const scope of ['rep:ann', 'team:north', 'org']) {
      const attainment = await sse.waitFor((c) => c.metric === 'target_attainment' && c.scope === scope && c.period === Q);
      expect(attainment.data.causedBy).toMatchObject({ streamId: 'deals.deal-d3', revision: 1 });
      await sse.waitFor((c) => c.metric === 'win_rate' && c.scope === scope && c.period === Q);
    }
    const change = await sse.waitFor((c) => c.metric === 'target_attainment' && c.scope === 'rep:ann' && c.period === Q);
    expect(change.data).toMatchObject({ value: 0.8, previousValue: 0.3, unit: 'ratio' });
    expect(Number(change.id)).toBeGreaterThan(0);
    await sse.close();

    expect(await metric('target_attainment', 'rep:ann')).toMatchObject({ value: 0.8 });
    // As known before the win: the old value, from a replay that leaves the live model alone.
    expect(await metric('target_attainment', 'rep:ann', `&asOf=${before}`)).toMatchObject({ value: 0.3, asOf: before });
    expect(await metric('target_attainment', 'rep:ann')).toMatchObject({ value: 0.8 });
    const history = (await system.projection.get(`/metrics/target_attainment/history?scope=rep:ann&period=${Q}`)).body;
    expect(history.changes[0]).toMatchObject({ value: 0.8, previousValue: 0.3, causedBy: { streamId: 'deals.deal-d3' } });
  });

  it('resumes the change stream from Last-Event-ID', async () => {
    const history = (await system.projection.get(`/metrics/target_attainment/history?scope=rep:ann&period=${Q}`)).body;
    const sse = sseClient(`${system.projectionUrl}/metrics/changes?metric=target_attainment&scope=rep:ann`, { 'Last-Event-ID': '0' });
    const replayed = await sse.waitFor((c) => c.value === 0.8);
    expect(replayed.data.previousValue).toBe(0.3);
    expect(history.changes.length).toBeGreaterThanOrEqual(2);
    await sse.close();
  });

  it('reports status, and rebuilds into a new version with identical values, keeping the value history', async () => {
    const status = (await system.projection.get('/projection/status')).body;
    expect(status).toMatchObject({ version: 1, lag: 0, duplicatesSkipped: 0, deadLettered: 0 });
    expect(status.sources.map((s: { source: string }) => s.source).sort()).toEqual(['costs', 'customers', 'deals', 'training']);
    const before = (await system.projection.get(`/metrics?period=${Q}`)).body;
    const historyPath = `/metrics/target_attainment/history?scope=rep:ann&period=${Q}`;
    const historyBefore = (await system.projection.get(historyPath)).body.changes;
    const lastSeq = async () => {
      const sse = sseClient(`${system.projectionUrl}/metrics/changes`, { 'Last-Event-ID': '0' });
      try {
        await sse.waitFor((c) => c.metric === 'target_attainment' && c.scope === 'rep:ann' && c.value === 0.8);
        await new Promise((resolve) => setTimeout(resolve, 300));
      } finally {
        await sse.close();
      }
      return Math.max(...sse.events.map((e) => Number(e.id)));
    };
    const seqBefore = await lastSeq();
    const live = sseClient(`${system.projectionUrl}/metrics/changes`);
    await live.opened;
    try {
      const rebuild = await system.projection.post('/projection/rebuild');
      expect(rebuild).toMatchObject({ status: 202, body: { version: 2, started: true } });
      const deadline = Date.now() + 20_000;
      while ((await system.projection.get('/projection/status')).body.version !== 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const after = (await system.projection.get(`/metrics?period=${Q}`)).body;
      const values = (list: Array<{ metric: string; scope: string; value: unknown }>) => list.map((m) => `${m.metric}|${m.scope}=${m.value}`).sort();
      expect(values(after)).toEqual(values(before));
      // Where and when each value last changed, as version 1 followed it live: a rebuild of the
      // same code changes nothing a reader sees (it knows only the last event of the backlog to
      // touch a scope and period, and its own clock).
      const provenance = (list: Array<{ metric: string; scope: string; position: number; source: string; updatedAt: string }>) =>
        list.map((m) => `${m.metric}|${m.scope}@${m.source}:${m.position} ${m.updatedAt}`).sort();
      expect(provenance(after)).toEqual(provenance(before));
      expect(after.find((m: { metric: string; scope: string }) => m.metric === 'target_attainment' && m.scope === 'rep:ann')).toMatchObject({ source: 'deals', position: expect.any(Number) });
      // The history announced by version 1 is version 2's, with the same sequence numbers: no
      // synthetic "every value changed" rows, and Last-Event-ID resumes across the switch.
      expect((await system.projection.get(historyPath)).body.changes).toEqual(historyBefore);
      expect(await lastSeq()).toBe(seqBefore);
      // Nothing differed, so nothing was announced; a new win is announced after the last seq.
      await deals().post('/deals', deal('d4', 'ann', 'north', 10000));
      await deals().post('/deals/d4/win', { occurredAt: '2026-04-26T10:00:00Z' });
      const next = await live.waitFor((c) => c.metric === 'target_attainment' && c.scope === 'rep:ann' && c.period === Q);
      expect(next.data).toMatchObject({ value: 0.9, previousValue: 0.8, causedBy: { streamId: 'deals.deal-d4' } });
      expect(live.events.filter((c) => c.data.previousValue === c.data.value)).toEqual([]);
      expect(live.events.every((c) => Number(c.id) > seqBefore)).toBe(true);
      expect(live.events.filter((c) => c.data.causedBy.streamId !== 'deals.deal-d4')).toEqual([]);
    } finally {
      await live.close();
    }
  });

  it('keeps its read models across a restart', async () => {
    await system.restartProjection();
    expect(await metric('target_attainment', 'rep:ann')).toMatchObject({ value: 0.9 });
  });

  it('ends the open change streams when it stops: stopping waits for none of them', async () => {
    // A dashboard tab holds one: the HTTP server's close used to wait for it until the process was killed.
    const sse = sseClient(`${system.projectionUrl}/metrics/changes`);
    await sse.opened;
    await system.restartProjection();
    await sse.ended;
    expect(await metric('target_attainment', 'rep:ann')).toMatchObject({ value: 0.9 });
  }, 20_000);

  it('answers /health with the fields every service has, and its read-model version and lag', async () => {
    expect((await system.projection.get('/health')).body).toEqual({ status: 'ok', service: 'projection', version: '0.1.0', uptimeSeconds: expect.any(Number), readModelVersion: 2, lag: 0 });
  });

  it('says what the metrics are computed with', async () => {
    expect((await system.projection.get('/settings')).body).toEqual({
      baseCurrency: 'CNY',
      grossMargin: 0.3,
      stallDays: 14,
      costRatioCeiling: 0.3,
      scoreWeights: { target_attainment: 0.3, csat: 0.2, win_rate: 0.2, market_or_revenue_percentile: 0.15, cost_of_sales_ratio: 0.15 },
    });
  });

  it('answers bad queries with 400 and unknown metrics with 404', async () => {
    expectProblem(await system.projection.get('/metrics?period=2026-13'), 400, ['period']);
    expectProblem(await system.projection.get('/metrics?scope=planet:mars'), 400, ['scope']);
    expectProblem(await system.projection.get('/metrics/win_rate?asOf=yesterday'), 400, ['asOf']);
    expectProblem(await system.projection.get('/metrics/market_share?scope=rep:ann'), 400, ['scope']);
    expectProblem(await system.projection.get('/metrics/no_such_metric'), 404);
    expectProblem(await system.projection.get('/metrics/changes?metric=no_such_metric'), 404);
  });

  it('ranks teams and reps by the composite score', async () => {
    const cards = (await system.projection.get(`/scorecards?period=${Q}&level=rep`)).body;
    expect(cards.scorecards[0]).toMatchObject({ scope: 'rep:ann', rank: 1, score: expect.any(Number) });
    expectProblem(await system.projection.get('/scorecards?level=galaxy'), 400, ['level']);
  });
});
