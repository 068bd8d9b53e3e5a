import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { costsService } from '@quotient/costs-api';
import { customersService } from '@quotient/customers-api';
import { dealsService } from '@quotient/deals-api';
import { type RunningCommandService, type RunningProjectionService, startCommandService, startProjectionService } from '@quotient/runtime';
import { trainingService } from '@quotient/training-api';
import type { Action, Service } from './action';
import { generateHistory } from './history';
import type { BaseUrls } from './routes';
import { RequestRejected, sendActions } from './sender';

/**
 * The demo's driver against the real services over HTTP: a generated history goes through every
 * route, body schema and domain rule without a single refusal, and the projection folds it all.
 */
describe('sending a generated history to the running system', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'quotient-demo-'));
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  const services: Partial<Record<Service, RunningCommandService>> = {};
  let projection: RunningProjectionService;
  let urls: BaseUrls;

  beforeAll(async () => {
    for (const [name, definition] of Object.entries({ deals: dealsService, customers: customersService, costs: costsService, training: trainingService })) {
      services[name as Service] = await startCommandService(definition, { ...env, [definition.portVariable]: '0' });
    }
    projection = await startProjectionService({ ...env, PROJECTION_PORT: '0' });
    urls = { projection: projection.url, deals: services.deals!.url, customers: services.customers!.url, costs: services.costs!.url, training: services.training!.url };
  }, 60_000);

  afterAll(async () => {
    await projection?.stop();
    for (const service of Object.values(services)) await service.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is accepted request by request and projected without dead letters', async () => {
    const actions = generateHistory({ seed: 3, scale: 0.1, days: 120, now: '2026-03-20T10:00:00Z' });
    const summary = await sendActions(actions, { urls, concurrency: 16 });
    expect(summary.requests).toBe(actions.length);
    await projection.projection.engine.settle(60_000);
    const { counters } = projection.projection.core;
    expect(counters.deadLettered).toBe(0);
    expect(counters.eventsApplied).toBe(actions.length);
    const response = await fetch(`${urls.projection}/metrics?period=2026-Q1&scope=org&metric=win_rate`);
    const [winRate] = (await response.json()) as Array<{ value: number | null }>;
    expect(winRate.value).toBeGreaterThan(0);
  }, 180_000);

  it('stops at the first refusal and shows the problem the service answered', async () => {
    const unknownDeal: Action = { service: 'deals', aggregate: 'deal', kind: 'activity', id: 'no-such-deal', body: { kind: 'call' }, occurredAt: '2026-03-20T10:00:00.000Z' };
    const sending = sendActions([unknownDeal], { urls });
    await expect(sending).rejects.toBeInstanceOf(RequestRejected);
    await expect(sending).rejects.toMatchObject({ status: 404, message: expect.stringContaining('no-such-deal') });
  });
});
