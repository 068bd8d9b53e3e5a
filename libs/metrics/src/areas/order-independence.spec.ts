import fc from 'fast-check';
import { applyEvent, foldRouter } from '../apply';
import { metricFolds } from '../catalogue';
import { DEFAULT_METRICS_CONFIG } from '../definition';
import type { MetricState } from '../metric-state';
import { MetricState as State } from '../metric-state';
import { EventLog, Fact, project } from './test-support';
import { interleave, scenario } from './test-scenarios';

const PERIODS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-Q1', '2026-Q2', '2026'];

/** Every metric of every scope with data, for the periods the scenarios cover, in a stable order. */
const allValues = (facts: readonly Fact[]) => {
  const { evaluator } = project(facts);
  return PERIODS.flatMap((period) => evaluator.all(period))
    .map((v) => JSON.stringify(v))
    .sort();
};

/** The counters a state holds, without zero entries (a diff may leave a key at zero). */
const counters = (state: MetricState) => ({
  sums: [...state.sums].filter(([, v]) => v !== 0).sort(),
  levels: [...state.levels]
    .flatMap(([key, series]) => [...series].filter(([, v]) => v !== 0).map(([day, v]) => `${key}|${day}|${v}`))
    .sort(),
});

/** Event types whose folds only replace entities (facts — surveys, activities, expenses — are counted per delivery). */
const FACT_TYPES = new Set(['customers.SurveyRecorded', 'deals.ActivityLogged', 'costs.ExpenseApproved']);

describe('order independence across contexts', () => {
  // Given a deal won before its rep is hired and before its customer registers, across contexts.
  const log = new EventLog()
    .openDeal('2026-01-03', 'd1', { customerId: 'c1', ownerRepId: 'r1', amount: 1000, expectedCloseDate: '2026-02-01' })
    .win('2026-01-20', 'd1')
    .openDeal('2026-01-04', 'd2', { customerId: 'c1', ownerRepId: 'r1', amount: 500, expectedCloseDate: '2026-02-01' })
    .win('2026-02-10', 'd2')
    .hire('2026-01-02', 'r1', 't1')
    .register('2026-01-01', 'c1', { teamId: 't2', channel: 'partner', segment: 'ent' })
    .expense('2026-01-05', 'e1', { category: 'marketing', amount: 100, channel: 'partner' });
  const byContext = (order: string[]) => order.flatMap((context) => log.facts.filter((f) => f.meta.streamId.startsWith(context)));

  it('gives the same values whichever context is folded first', () => {
    const natural = allValues(byContext(['customers', 'training', 'deals', 'costs']));
    expect(allValues(byContext(['deals', 'costs', 'training', 'customers']))).toEqual(natural);
    expect(allValues(byContext(['costs', 'deals', 'customers', 'training']))).toEqual(natural);
  });

  it('attributes cross-context facts to the entity that arrives later', () => {
    const p = project(byContext(['deals', 'costs', 'training', 'customers']));
    expect(p.value('ramp_days', 'team:t1', '2026-01')).toBe(18); // hired 2 Jan, first win 20 Jan
    expect(p.value('repeat_purchase_rate', 'team:t2', '2026-02')).toBe(1); // the customer's team, not the deals'
    expect(p.value('repeat_purchase_rate', 'team:t1', '2026-02')).toBeNull();
    expect(p.value('marketing_roi', 'channel:partner', '2026-Q1')).toBe(14); // (1500 − 100) / 100
  });
});

describe('fold properties', () => {
  it('any interleaving that keeps each stream in order gives the same counters and values', () => {
    fc.assert(
      fc.property(scenario, fc.array(fc.nat(), { minLength: 200, maxLength: 200 }), (facts, choices) => {
        const shuffled = interleave(facts, choices);
        expect(counters(project(shuffled).state)).toEqual(counters(project(facts).state));
        const values = allValues(facts);
        expect(allValues(shuffled)).toEqual(values);
        // Never NaN or Infinity: a zero denominator is null with a reason.
        for (const v of values) expect(JSON.parse(v).value === null || Number.isFinite(JSON.parse(v).value)).toBe(true);
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('applying an entity event twice gives the same counters as applying it once', () => {
    const route = foldRouter(metricFolds);
    fc.assert(
      fc.property(scenario, (facts) => {
        const once = new State();
        const twice = new State();
        for (const { event, meta } of facts) {
          applyEvent(once, route, event, meta, DEFAULT_METRICS_CONFIG);
          applyEvent(twice, route, event, meta, DEFAULT_METRICS_CONFIG);
          if (!FACT_TYPES.has(event.type)) applyEvent(twice, route, event, meta, DEFAULT_METRICS_CONFIG);
        }
        expect(counters(twice)).toEqual(counters(once));
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});
