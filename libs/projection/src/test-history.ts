import type { EventEnvelope } from '@quotient/kernel';

/**
 * A small cross-context history of valid events (per libs/contracts), for engine tests:
 * deals opened/advanced/won/lost, customers with surveys and complaints, expenses, reps.
 */
export const testHistory = (copies = 1): EventEnvelope[] => {
  const positions: Record<string, number> = {};
  const revisions: Record<string, number> = {};
  const events: EventEnvelope[] = [];
  const add = (source: string, streamId: string, type: string, occurredAt: string, data: unknown) => {
    positions[source] = (positions[source] ?? 0) + 1;
    revisions[streamId] = (revisions[streamId] ?? -1) + 1;
    events.push({
      id: `${source}-${positions[source]}`,
      type,
      schemaVersion: 1,
      streamId,
      revision: revisions[streamId],
      position: positions[source],
      occurredAt,
      recordedAt: occurredAt,
      tenantId: 'default',
      actor: 'test',
      correlationId: 'c',
      causationId: null,
      data,
    });
  };
  const teams = ['north', 'south'];
  for (let copy = 0; copy < copies; copy++) {
    const x = copies === 1 ? '' : `-${copy}`;
    addCopy(x);
  }
  return events;

  function addCopy(x: string) {
    // Reps are the same people in every copy: more copies mean more deals and customers, not more reps.
    for (let i = 0; i < 6 && (x === '' || x === '-0'); i++) {
      const teamId = teams[i % 2];
      const repId = `r${i}`;
      add('training', `training.rep-${repId}`, 'training.RepHired', `2026-0${1 + (i % 3)}-0${1 + i}T09:00:00.000Z`, { repId, name: `Rep ${i}`, teamId });
    }
    if (x === '' || x === '-0') add('training', 'training.rep-r5', 'training.RepLeft', '2026-05-20T09:00:00.000Z', { repId: 'r5', teamId: 'south', reason: 'moved', hiredAt: '2026-03-06T09:00:00.000Z' });
    for (let i = 0; i < 12; i++) {
      const repId = `r${i % 6}`;
      const teamId = teams[i % 6 % 2];
      const customerId = `c${i % 4}${x}`;
      const a = { customerId, ownerRepId: repId, teamId, region: i % 2 ? 'east' : 'west', channel: i % 3 ? 'direct' : 'partner', segment: i % 2 ? 'smb' : 'enterprise' };
      if (i < 4) {
        add('customers', `customers.customer-${customerId}`, 'customers.CustomerRegistered', `2026-02-0${i + 1}T10:00:00.000Z`, { ...a, name: `Customer ${i}` });
        add('customers', `customers.customer-${customerId}`, 'customers.SurveyRecorded', `2026-04-0${i + 1}T10:00:00.000Z`, { ...a, kind: 'csat', score: 2 + i });
        add('customers', `customers.customer-${customerId}`, 'customers.SurveyRecorded', `2026-04-1${i + 1}T10:00:00.000Z`, { ...a, kind: 'nps', score: 5 + i });
      }
      const dealId = `d${i}${x}`;
      const deal = { dealId, ...a };
      const opened = `2026-0${3 + (i % 3)}-1${i % 9}T08:00:00.000Z`;
      add('deals', `deals.deal-${dealId}`, 'deals.DealOpened', opened, { ...deal, amount: 1000 * (i + 1), stage: 'qualification', probability: 0.2, expectedCloseDate: '2026-06-30' });
      add('deals', `deals.deal-${dealId}`, 'deals.ActivityLogged', opened.replace('T08', 'T09'), { ...deal, kind: 'call' });
      if (i % 3 === 0) add('deals', `deals.deal-${dealId}`, 'deals.DealWon', opened.replace('-1', '-2'), { ...deal, amount: 1000 * (i + 1), openedAt: opened });
      if (i % 3 === 1) add('deals', `deals.deal-${dealId}`, 'deals.DealLost', opened.replace('-1', '-2'), { ...deal, amount: 1000 * (i + 1), openedAt: opened, reason: 'price', competitor: null });
      const expense = { expenseId: `e${i}${x}`, repId, teamId, category: i % 2 ? 'travel' : 'marketing', amount: 100 + i, channel: 'direct' };
      add('costs', `costs.expense-e${i}${x}`, 'costs.ExpenseSubmitted', opened, expense);
      add('costs', `costs.expense-e${i}${x}`, 'costs.ExpenseApproved', opened.replace('T08', 'T12'), { ...expense, incurredAt: opened });
    }
    if (x === '' || x === '-0') add('deals', 'deals.target-org.2026-Q2.revenue', 'deals.TargetSet', '2026-03-01T00:00:00.000Z', { scope: 'org', period: '2026-Q2', measure: 'revenue', value: 50000, previousValue: null });
  }
};

export const sourceOf = (event: EventEnvelope): string => event.streamId.slice(0, event.streamId.indexOf('.'));
