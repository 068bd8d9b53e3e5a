import { DEFAULT_STAGE_PROBABILITY, type DealStage, type EventData, type EventType, eventSchemas } from '@quotient/contracts';
import type { EventToAppend } from '@quotient/eventsourcing';

/** Test helper: a deterministic, schema-valid sales history across the four contexts (and a few poison events). */
export interface HistoryEvent extends EventToAppend {
  readonly streamId: string;
}

const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const STAGES: DealStage[] = ['prospecting', 'qualification', 'proposal', 'negotiation'];
const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 5, 9);

export const salesHistory = (deals: number, seed = 7): HistoryEvent[] => {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const events: Array<HistoryEvent & { t: number; n: number }> = [];
  const add = <T extends EventType>(streamId: string, type: T, data: EventData<T>, t: number, valid = true) => {
    const checked = valid ? eventSchemas[type].parse(data) : data;
    const n = events.length;
    events.push({ streamId, type, data: checked, t, n, id: `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`, schemaVersion: 1, occurredAt: new Date(t).toISOString(), tenantId: 'default', actor: 'history', correlationId: `corr-${n}`, causationId: null });
  };
  const teams = ['north', 'south', 'east'];
  const reps = Array.from({ length: 9 }, (_, i) => ({ repId: `r${i}`, teamId: teams[i % 3], hiredAt: START - (30 + i) * DAY }));
  for (const rep of reps) add(`training.rep-${rep.repId}`, 'training.RepHired', { repId: rep.repId, name: `Rep ${rep.repId}`, teamId: rep.teamId }, rep.hiredAt);
  add('training.program-p1', 'training.ProgramCreated', { programId: 'p1', title: 'Negotiation', skill: 'negotiation', hours: 12 }, START - 20 * DAY);
  for (const rep of reps.slice(0, 6)) {
    const enrolledAt = START + next() * 30 * DAY;
    add(`training.program-p1`, 'training.RepEnrolled', { programId: 'p1', repId: rep.repId, teamId: rep.teamId, hours: 12 }, enrolledAt);
    if (next() < 0.7) add('training.program-p1', 'training.TrainingCompleted', { programId: 'p1', repId: rep.repId, teamId: rep.teamId, hours: 12, score: 60 + Math.round(next() * 40), enrolledAt: new Date(enrolledAt).toISOString() }, enrolledAt + 20 * DAY);
  }
  for (const team of teams) {
    for (const month of ['2026-01', '2026-02', '2026-03', '2026-04']) {
      add(`deals.target-team-${team}`, 'deals.TargetSet', { scope: `team:${team}`, period: month, measure: 'revenue', value: 500_000, previousValue: null }, START - 3 * DAY);
      add(`costs.budget-team-${team}`, 'costs.BudgetSet', { scope: `team:${team}`, period: month, category: 'travel', amount: 20_000, previousAmount: null }, START - 3 * DAY);
    }
  }
  const customers = Array.from({ length: Math.max(5, Math.round(deals / 8)) }, (_, i) => {
    const rep = pick(reps);
    const who = { customerId: `c${i}`, ownerRepId: rep.repId, teamId: rep.teamId, segment: pick(['smb', 'enterprise']), region: pick(['north', 'south']), channel: pick(['direct', 'partner']) };
    const since = START + next() * 60 * DAY;
    const stream = `customers.customer-${who.customerId}`;
    add(stream, 'customers.CustomerRegistered', { ...who, name: `Customer ${i}` }, since);
    add(stream, 'customers.SurveyRecorded', { ...who, kind: 'csat', score: 1 + Math.floor(next() * 5) }, since + 10 * DAY);
    add(stream, 'customers.SurveyRecorded', { ...who, kind: 'nps', score: Math.floor(next() * 11) }, since + 12 * DAY);
    if (next() < 0.4) {
      add(stream, 'customers.ComplaintOpened', { ...who, complaintId: `k${i}`, severity: 'medium' }, since + 14 * DAY);
      add(stream, 'customers.ComplaintResolved', { ...who, complaintId: `k${i}`, severity: 'medium', openedAt: new Date(since + 14 * DAY).toISOString() }, since + 16 * DAY);
    }
    if (next() < 0.1) add(stream, 'customers.CustomerChurned', { ...who, reason: 'price' }, since + 40 * DAY);
    return { who, since };
  });
  for (let i = 0; i < deals; i++) {
    const { who, since } = pick(customers);
    const rep = reps.find((r) => r.repId === who.ownerRepId)!;
    const attribution = { dealId: `d${i}`, customerId: who.customerId, ownerRepId: rep.repId, teamId: rep.teamId, region: who.region, channel: who.channel, segment: who.segment };
    const stream = `deals.deal-d${i}`;
    const openedAt = since + next() * 20 * DAY;
    const amount = 1000 * (1 + Math.floor(next() * 90));
    const expectedCloseDate = new Date(openedAt + 45 * DAY).toISOString().slice(0, 10);
    add(stream, 'deals.DealOpened', { ...attribution, amount, stage: 'prospecting', probability: 0.1, expectedCloseDate }, openedAt);
    let stage: DealStage = 'prospecting';
    let t = openedAt;
    for (const to of STAGES.slice(1, 1 + Math.floor(next() * 4))) {
      t += next() * 5 * DAY;
      add(stream, 'deals.DealStageChanged', { ...attribution, from: stage, to, probability: DEFAULT_STAGE_PROBABILITY[to], amount, expectedCloseDate }, t);
      add(stream, 'deals.ActivityLogged', { ...attribution, kind: pick(['call', 'meeting', 'email', 'visit', 'demo'] as const) }, t + DAY);
      stage = to;
    }
    t += 2 * DAY + next() * 10 * DAY;
    const outcome = next();
    const common = { ...attribution, amount, openedAt: new Date(openedAt).toISOString() };
    if (outcome < 0.45) add(stream, 'deals.DealWon', common, t);
    else if (outcome < 0.8) add(stream, 'deals.DealLost', { ...common, reason: 'price', competitor: pick([null, 'Rival']) }, t);
    if (i % 4 === 0) {
      const expense = { expenseId: `e${i}`, repId: rep.repId, teamId: rep.teamId, category: pick(['travel', 'entertainment'] as const), amount: 100 + Math.round(next() * 900), channel: null };
      add(`costs.expense-e${i}`, 'costs.ExpenseSubmitted', expense, openedAt + DAY);
      add(`costs.expense-e${i}`, 'costs.ExpenseApproved', { ...expense, incurredAt: new Date(openedAt + DAY).toISOString() }, openedAt + 2 * DAY);
    }
    if (i % 97 === 5) add(stream, 'deals.DealAmountChanged', { ...attribution, from: amount, to: 'lots' } as never, openedAt + 1000, false); // poison
  }
  return events.sort((a, b) => a.t - b.t || a.n - b.n).map(({ t: _t, n: _n, ...event }) => event);
};
