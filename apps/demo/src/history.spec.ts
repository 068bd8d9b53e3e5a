import { type Action, aggregateKey } from './action';
import { generateHistory, historyOf } from './history';
import { httpRequestOf } from './routes';

const NOW = '2026-05-20T09:30:00.000Z';
const options = { seed: 5, scale: 1, days: 365, now: NOW };

const CREATES = new Set(['deal.open', 'customer.register', 'expense.submit', 'rep.hire', 'program.create']);

describe('the generated sales history', () => {
  const actions = generateHistory(options);

  it('is the same for the same seed, and another for another seed', () => {
    expect(generateHistory(options)).toEqual(actions);
    const other = [...historyOf({ ...options, seed: 6 })];
    expect(other.slice(0, 200)).not.toEqual(actions.slice(0, 200));
  });

  it('runs in business-time order, within the days up to now', () => {
    const times = actions.map((a) => Date.parse(a.occurredAt));
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]);
    expect(times[times.length - 1]).toBeLessThanOrEqual(Date.parse(NOW));
    expect(times[0]).toBeGreaterThanOrEqual(Date.parse(NOW) - 366 * 86_400_000);
  });

  it('creates each aggregate once, before anything else happens to it', () => {
    const created = new Set<string>();
    const problems: string[] = [];
    for (const action of actions) {
      const key = aggregateKey(action);
      const kind = `${action.aggregate}.${action.kind}`;
      if (CREATES.has(kind)) {
        if (created.has(key)) problems.push(`${key} created twice`);
        created.add(key);
      } else if (['deal', 'customer', 'expense', 'rep', 'program'].includes(action.aggregate) && !created.has(key)) {
        problems.push(`${kind} on ${key} before it was created`);
      }
      if (action.aggregate === 'program' && action.kind !== 'create' && !created.has(`rep:${String(action.body.repId)}`)) problems.push(`${kind} of unknown rep`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('holds every kind of action the services accept', () => {
    const kinds = new Set(actions.map((a) => `${a.aggregate}.${a.kind}`));
    expect([...kinds].sort()).toEqual(
      [
        ...['deal.open', 'deal.stage', 'deal.amount', 'deal.win', 'deal.lose', 'deal.activity', 'target.set', 'forecast.submit', 'market.record'],
        ...['customer.register', 'customer.survey', 'customer.complaint', 'customer.resolve', 'customer.churn', 'customer.reactivate'],
        ...['budget.set', 'expense.submit', 'expense.approve', 'expense.reject'],
        ...['rep.hire', 'rep.transfer', 'rep.leave', 'rep.certify', 'program.create', 'program.enrol', 'program.complete'],
      ].sort(),
    );
  });

  it('maps every action to its route with its business time in the body', () => {
    const sample = (aggregate: Action['aggregate'], kind: string) => actions.find((a) => a.aggregate === aggregate && a.kind === kind)!;
    const resolve = sample('customer', 'resolve');
    expect(httpRequestOf(resolve)).toEqual({ service: 'customers', method: 'POST', path: `/customers/${resolve.id}/complaints/${resolve.subId}/resolve`, body: { occurredAt: resolve.occurredAt } });
    expect(httpRequestOf(sample('deal', 'activity')).path).toMatch(/^\/deals\/[\w.-]+\/activities$/);
    expect(httpRequestOf(sample('program', 'enrol')).path).toMatch(/^\/programs\/[\w.-]+\/enrolments$/);
    expect(httpRequestOf(sample('rep', 'certify')).path).toMatch(/^\/reps\/[\w.-]+\/certifications$/);
    expect(httpRequestOf(sample('target', 'set'))).toMatchObject({ service: 'deals', path: '/targets' });
    expect(httpRequestOf(sample('budget', 'set'))).toMatchObject({ service: 'costs', path: '/budgets' });
  });
});
