import fc from 'fast-check';
import { DEAL_STAGES, ExpenseCategory } from '@quotient/contracts';
import type { Fact } from './test-events';
import { EventLog } from './test-events';

/** Random but valid histories across all four contexts, for property tests. */
const instant = (day: number, hour = 12): string => new Date(Date.UTC(2026, 0, 1 + day, hour)).toISOString();

const TEAMS = ['t1', 't2'];
const SEGMENTS = ['smb', 'ent'];
const REGIONS = ['north', 'south'];
const CHANNELS = ['direct', 'partner'];
const PERIODS = ['2026-01', '2026-02', '2026-Q1', '2026'];

const pick = <T>(list: readonly T[]) => fc.nat({ max: list.length - 1 }).map((i) => list[i]);

const repPlan = fc.record({
  team: pick(TEAMS),
  hire: fc.integer({ min: 0, max: 40 }),
  later: fc.array(fc.record({ kind: fc.constantFrom('transfer', 'certify', 'leave'), gap: fc.integer({ min: 0, max: 30 }) }), { maxLength: 3 }),
});

const customerPlan = fc.record({
  team: pick(TEAMS),
  segment: pick(SEGMENTS),
  region: pick(REGIONS),
  channel: pick(CHANNELS),
  registered: fc.integer({ min: 0, max: 40 }),
  later: fc.array(
    fc.record({
      kind: fc.constantFrom('csat', 'nps', 'complaint', 'resolve', 'churn', 'reactivate'),
      score: fc.integer({ min: 0, max: 10 }),
      severity: fc.constantFrom('low', 'medium', 'high' as const),
      gap: fc.integer({ min: 0, max: 20 }),
    }),
    { maxLength: 5 },
  ),
});

const dealPlan = fc.record({
  customer: fc.nat(),
  rep: fc.nat(),
  opened: fc.integer({ min: 0, max: 60 }),
  amount: fc.integer({ min: 1, max: 5000 }),
  stage: pick(DEAL_STAGES),
  closeIn: fc.integer({ min: 0, max: 90 }),
  touches: fc.array(fc.record({ kind: fc.constantFrom('stage', 'amount', 'activity'), gap: fc.integer({ min: 0, max: 25 }), value: fc.integer({ min: 1, max: 99 }) }), { maxLength: 3 }),
  outcome: fc.constantFrom('open', 'won', 'lost'),
  closeGap: fc.integer({ min: 0, max: 30 }),
});

const planningPlan = fc.record({
  kind: fc.constantFrom('target', 'forecast', 'market', 'budget', 'expense'),
  scope: fc.constantFrom('org', 'team:t1', 'team:t2', 'rep:r0'),
  period: pick(PERIODS),
  value: fc.integer({ min: 1, max: 20000 }),
  day: fc.integer({ min: 0, max: 80 }),
  category: pick(ExpenseCategory.options),
  segment: pick(SEGMENTS),
  region: pick(REGIONS),
});

export const scenario: fc.Arbitrary<Fact[]> = fc
  .record({
    reps: fc.array(repPlan, { minLength: 1, maxLength: 3 }),
    customers: fc.array(customerPlan, { minLength: 1, maxLength: 4 }),
    deals: fc.array(dealPlan, { maxLength: 6 }),
    planning: fc.array(planningPlan, { maxLength: 6 }),
  })
  .map(({ reps, customers, deals, planning }) => {
    const log = new EventLog();
    const repTeams = reps.map((r) => r.team);
    reps.forEach((r, i) => {
      const id = `r${i}`;
      let day = r.hire;
      log.hire(instant(day), id, r.team);
      let team = r.team;
      for (const step of r.later) {
        day += step.gap + 1;
        if (step.kind === 'transfer') {
          team = team === 't1' ? 't2' : 't1';
          log.transfer(instant(day), id, team);
        } else if (step.kind === 'certify') log.certify(instant(day), id, `cert-${day}`);
        else {
          log.leave(instant(day), id);
          break;
        }
      }
    });
    customers.forEach((c, i) => {
      const id = `c${i}`;
      let day = c.registered;
      log.register(instant(day), id, { teamId: c.team, segment: c.segment, region: c.region, channel: c.channel, ownerRepId: `r${i % reps.length}` });
      let churned = false;
      let complaints = 0;
      let resolved = 0;
      for (const step of c.later) {
        day += step.gap;
        const at = instant(day, 13 + (complaints % 5));
        if (step.kind === 'csat') log.survey(at, id, 'csat', 1 + (step.score % 5));
        else if (step.kind === 'nps') log.survey(at, id, 'nps', step.score);
        else if (step.kind === 'complaint') log.openComplaint(at, id, `k${complaints++}`, step.severity);
        else if (step.kind === 'resolve' && resolved < complaints) log.resolveComplaint(at, id, `k${resolved++}`);
        else if ((step.kind === 'churn' && !churned) || (step.kind === 'reactivate' && churned)) {
          churned = !churned;
          if (churned) log.churn(at, id);
          else log.reactivate(at, id);
        }
      }
    });
    deals.forEach((d, i) => {
      const id = `d${i}`;
      const c = customers[d.customer % customers.length];
      const repIndex = d.rep % reps.length;
      let day = d.opened;
      const expectedCloseDate = instant(day + d.closeIn).slice(0, 10);
      const who = { customerId: `c${d.customer % customers.length}`, ownerRepId: `r${repIndex}`, teamId: repTeams[repIndex], segment: c.segment, region: c.region, channel: c.channel };
      log.openDeal(instant(day, 9), id, { ...who, amount: d.amount, stage: d.stage, expectedCloseDate });
      for (const touch of d.touches) {
        day += touch.gap;
        if (touch.kind === 'stage') log.changeStage(instant(day, 10), id, DEAL_STAGES[touch.value % 4], touch.value / 100);
        else if (touch.kind === 'amount') log.changeAmount(instant(day, 10), id, touch.value * 10);
        else log.activity(instant(day, 10), id);
      }
      if (d.outcome === 'won') log.win(instant(day + d.closeGap, 11), id);
      if (d.outcome === 'lost') log.lose(instant(day + d.closeGap, 11), id);
    });
    planning.forEach((p, i) => {
      const at = instant(p.day, 8);
      if (p.kind === 'target') log.target(at, p.scope, p.period, (['revenue', 'wonDeals', 'newCustomers'] as const)[p.value % 3], p.value);
      else if (p.kind === 'forecast') log.forecast(at, p.scope, p.period, p.value, p.value % 2 === 0 ? 'commit' : 'bestCase');
      else if (p.kind === 'market') log.marketSize(at, p.segment, p.region, p.period, p.value);
      else if (p.kind === 'budget') log.budget(at, p.scope.startsWith('rep') ? 'org' : p.scope, p.period, p.value % 3 === 0 ? 'total' : p.category, p.value);
      else log.expense(at, `e${i}`, { category: p.category, amount: p.value, repId: 'r0', teamId: repTeams[0], channel: p.value % 2 ? CHANNELS[0] : null }, instant(p.day + 3));
    });
    return log.facts;
  });

/** Merges the streams in the order the choices dictate, keeping each stream's own order. */
export const interleave = (facts: readonly Fact[], choices: readonly number[]): Fact[] => {
  const streams = new Map<string, Fact[]>();
  for (const fact of facts) streams.set(fact.meta.streamId, [...(streams.get(fact.meta.streamId) ?? []), fact]);
  const queues = [...streams.values()];
  const merged: Fact[] = [];
  let i = 0;
  while (queues.length > 0) {
    const q = (choices[i++] ?? 0) % queues.length;
    merged.push(queues[q].shift() as Fact);
    if (queues[q].length === 0) queues.splice(q, 1);
  }
  return merged;
};
