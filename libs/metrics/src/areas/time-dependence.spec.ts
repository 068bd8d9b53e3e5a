import fc from 'fast-check';
import { applyEvent, foldRouter } from '../apply';
import { metricCatalogue, metricFolds } from '../catalogue';
import { DEFAULT_METRICS_CONFIG } from '../definition';
import { MetricEvaluator } from '../evaluate';
import { MetricState } from '../metric-state';
import { addDays, dayOf } from '../periods';
import { project } from './test-support';
import type { Fact } from './test-events';
import { scenario } from './test-scenarios';

const PERIODS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-Q1', '2026-Q2', '2026'];
const route = foldRouter(metricFolds);
const byTime = (facts: readonly Fact[]) => [...facts].sort((a, b) => (a.meta.occurredAt < b.meta.occurredAt ? -1 : a.meta.occurredAt > b.meta.occurredAt ? 1 : 0));

/** A scenario (as fast-check generates them) that once broke the property below. */
const REGISTERED_CHURNED_WON_AGAIN = [{"event":{"type":"training.RepHired","data":{"repId":"r0","name":"r0","teamId":"t1"}},"meta":{"occurredAt":"2026-01-01T12:00:00.000Z","recordedAt":"2026-01-01T12:00:00.000Z","streamId":"training.rep-r0","revision":0}},{"event":{"type":"customers.CustomerRegistered","data":{"customerId":"c0","ownerRepId":"r0","teamId":"t1","segment":"smb","region":"north","channel":"direct","name":"c0"}},"meta":{"occurredAt":"2026-01-01T12:00:00.000Z","recordedAt":"2026-01-01T12:00:00.000Z","streamId":"customers.customer-c0","revision":0}},{"event":{"type":"customers.CustomerChurned","data":{"customerId":"c0","ownerRepId":"r0","teamId":"t1","segment":"smb","region":"north","channel":"direct","reason":"moved"}},"meta":{"occurredAt":"2026-01-01T13:00:00.000Z","recordedAt":"2026-01-01T13:00:00.000Z","streamId":"customers.customer-c0","revision":1}},{"event":{"type":"customers.CustomerRegistered","data":{"customerId":"c1","ownerRepId":"r0","teamId":"t1","segment":"ent","region":"north","channel":"direct","name":"c1"}},"meta":{"occurredAt":"2026-01-01T12:00:00.000Z","recordedAt":"2026-01-01T12:00:00.000Z","streamId":"customers.customer-c1","revision":0}},{"event":{"type":"deals.DealOpened","data":{"dealId":"d0","customerId":"c0","ownerRepId":"r0","teamId":"t1","region":"north","channel":"direct","segment":"smb","amount":1,"stage":"prospecting","probability":0.1,"expectedCloseDate":"2026-02-18"}},"meta":{"occurredAt":"2026-02-18T09:00:00.000Z","recordedAt":"2026-02-18T09:00:00.000Z","streamId":"deals.deal-d0","revision":0}},{"event":{"type":"deals.DealStageChanged","data":{"dealId":"d0","customerId":"c0","ownerRepId":"r0","teamId":"t1","region":"north","channel":"direct","segment":"smb","from":"prospecting","to":"qualification","probability":0.01,"amount":1,"expectedCloseDate":"2026-02-18"}},"meta":{"occurredAt":"2026-02-21T10:00:00.000Z","recordedAt":"2026-02-21T10:00:00.000Z","streamId":"deals.deal-d0","revision":1}},{"event":{"type":"deals.DealWon","data":{"dealId":"d0","customerId":"c0","ownerRepId":"r0","teamId":"t1","region":"north","channel":"direct","segment":"smb","amount":1,"openedAt":"2026-02-18T09:00:00.000Z"}},"meta":{"occurredAt":"2026-03-01T11:00:00.000Z","recordedAt":"2026-03-01T11:00:00.000Z","streamId":"deals.deal-d0","revision":2}}] as Fact[];

describe('time-dependent metrics', () => {
  it('declare every level they read, and only they move when the clock moves', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 90 }), (facts, days) => {
        const { state } = project(facts);
        const read = new Set<string>();
        const levelOn = state.levelOn.bind(state);
        const averageLevel = state.averageLevel.bind(state);
        state.levelOn = (counter, scope, day) => (read.add(counter), levelOn(counter, scope, day));
        state.averageLevel = (counter, scope, period, untilDay) => (read.add(counter), averageLevel(counter, scope, period, untilDay));
        const evaluator = new MetricEvaluator(state, metricCatalogue, DEFAULT_METRICS_CONFIG);
        const before = new Map<string, number | null>();
        for (const period of PERIODS) {
          for (const { metric, scope } of evaluator.all(period)) {
            evaluator.reset(); // nothing memoised: every read of this evaluation, nested metrics included, is seen
            read.clear();
            before.set(`${metric}|${scope}|${period}`, evaluator.evaluate(metric, scope, period).value);
            const declared = evaluator.definition(metric)?.levels ?? [];
            for (const counter of read) expect(`${metric} reads ${counter}: ${declared.includes(counter)}`).toBe(`${metric} reads ${counter}: true`);
          }
        }
        state.advanceClock(`${addDays(dayOf(state.clock), days)}T12:00:00.000Z`);
        const later = new MetricEvaluator(state, metricCatalogue, DEFAULT_METRICS_CONFIG);
        for (const [key, value] of before) {
          const [metric, scope, period] = key.split('|');
          if (evaluator.definition(metric)?.levels?.length) continue;
          expect(`${key}=${later.evaluate(metric, scope, period).value}`).toBe(`${key}=${value}`);
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('live evaluation after each batch, across a restart, stores what one evaluation after all of them stores, as the clock moves', () => {
    fc.assert(
      fc.property(scenario, fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 20 }), fc.nat(), (facts, sizes, restartAt) => {
        const ordered = byTime(facts);
        // Live: evaluate what each batch touched or reached, keep the last value of each; restart
        // once (a new state loaded from what the old one persists) before one of the batches.
        let state = new MetricState();
        let liveEvaluator = new MetricEvaluator(state, metricCatalogue, DEFAULT_METRICS_CONFIG);
        const stored = new Map<string, Map<string, number | null>>();
        const keep = (metric: string, scope: string, period: string, value: number | null) => {
          let values = stored.get(`${scope}|${period}`);
          if (!values) stored.set(`${scope}|${period}`, (values = new Map()));
          values.set(metric, value);
        };
        const batches = Math.ceil(ordered.length / 6);
        for (let i = 0, batch = 0; i < ordered.length; batch++) {
          if (batch === restartAt % batches) {
            const loaded = new MetricState();
            for (const [key, value] of state.sums) loaded.loadSum(key, value);
            for (const [series, days] of state.levels) for (const [day, delta] of days) loaded.loadLevel(series, day, delta);
            for (const [key, record] of state.entities) loaded.loadEntity(key, record);
            for (const key of stored.keys()) loaded.loadValueOf(key.slice(key.indexOf('|') + 1), key.slice(0, key.indexOf('|')));
            loaded.loadClock(state.clock);
            state = loaded;
            liveEvaluator = new MetricEvaluator(state, metricCatalogue, DEFAULT_METRICS_CONFIG);
          }
          const size = sizes[batch % sizes.length];
          for (const { event, meta } of ordered.slice(i, i + size)) applyEvent(state, route, event, meta, DEFAULT_METRICS_CONFIG);
          i += size;
          liveEvaluator.visitAffected(
            state.takeTouched(),
            (metric, scope, period, r) => keep(metric, scope, period, r.value),
            (scope, period) => stored.has(`${scope}|${period}`),
            (scope, period) => stored.delete(`${scope}|${period}`),
          );
        }
        // One batch: everything folded, then what it touched evaluated once, as a rebuild does.
        const once = new MetricState();
        for (const { event, meta } of ordered) applyEvent(once, route, event, meta, DEFAULT_METRICS_CONFIG);
        const rebuilt = new Map<string, string>();
        new MetricEvaluator(once, metricCatalogue, DEFAULT_METRICS_CONFIG).visitAffected(
          once.takeTouched(),
          (metric, scope, period, r) => rebuilt.set(`${metric}|${scope}|${period}`, `${metric}|${scope}|${period}=${r.value}`),
          () => false,
          (scope, period) => {
            for (const key of [...rebuilt.keys()]) if (key.endsWith(`|${scope}|${period}`)) rebuilt.delete(key);
          },
        );
        // A full evaluation (every period and scope with data, as after a crash) too.
        const full: string[] = [];
        new MetricEvaluator(once, metricCatalogue, DEFAULT_METRICS_CONFIG).visitAffected(once.everyPeriodAndScope(), (metric, scope, period, r) => full.push(`${metric}|${scope}|${period}=${r.value}`));
        expect(full.length).toBeGreaterThan(0);
        // All three store the same values for the same keys: also when a scope's data in a period
        // netted back to nothing in between (a deal opened in one batch and lost in the next,
        // before its close month), which live evaluation drops as the others never store it.
        const live = [...stored].flatMap(([key, values]) => [...values].map(([metric, value]) => `${metric}|${key}=${value}`)).sort();
        expect(live).toEqual(full.sort());
        expect([...rebuilt.values()].sort()).toEqual(full);
      }),
      {
        numRuns: 60,
        // Found by this property: segment smb's active-customer level netted to nothing on 1 January
        // (registered and churned the same day) and came back on 1 March (won again); live
        // evaluation kept 1 January as its first level day and stored February values.
        examples: [[REGISTERED_CHURNED_WON_AGAIN, [1], 0]],
      },
    );
  }, 120_000);
});
