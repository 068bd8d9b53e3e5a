import fc from 'fast-check';
import { MetricChanged } from '@quotient/contracts';
import type { EventEnvelope } from '@quotient/kernel';
import { DEFAULT_METRICS_CONFIG, metricCatalogue, metricFolds, MetricEvaluator } from '@quotient/metrics';
import { ProjectionCore } from './projection-core';
import { sourceOf, testHistory } from './test-history';

const PERIODS = ['2026-03', '2026-04', '2026-05', '2026-06', '2026-Q1', '2026-Q2', '2026'];
const newCore = () => new ProjectionCore(metricCatalogue, metricFolds, DEFAULT_METRICS_CONFIG);

/** Every metric value of every period, as one comparable snapshot. */
const snapshot = (core: ProjectionCore) => {
  const evaluator = new MetricEvaluator(core.state, metricCatalogue, DEFAULT_METRICS_CONFIG);
  return PERIODS.flatMap((p) => evaluator.all(p)).map((v) => `${v.metric}|${v.scope}|${v.period}=${v.value}`).sort();
};

describe('projection core', () => {
  const history = testHistory();

  it('applies every event once and counts duplicates', () => {
    const core = newCore();
    core.applyBatch('all', history);
    core.applyBatch('all', history.slice(0, 10));
    expect(core.counters.eventsApplied).toBe(history.length);
    expect(core.counters.duplicatesSkipped).toBe(10);
  });

  it('loads read models in slices, pausing between them, into the state one load gives', async () => {
    const built = newCore();
    built.applyBatch('all', history);
    const batch = built.collectBatch({ all: history.length }, [], []);
    // Streams enough for several slices (the history alone is a few hundred rows).
    const streams = [...batch.streams, ...Array.from({ length: 45_000 }, (_, i) => [`deals.deal-x${i}`, i % 7] as const)];
    const stored = { ...batch, streams };
    const whole = newCore();
    whole.load(stored);
    let pauses = 0;
    const sliced = newCore();
    await sliced.loadInSlices(stored, async () => {
      pauses++;
    });
    expect(pauses).toBeGreaterThanOrEqual(2);
    expect(snapshot(sliced)).toEqual(snapshot(whole));
    expect(snapshot(sliced)).toEqual(snapshot(built));
    expect(sliced.streams).toEqual(whole.streams);
    expect(sliced.counters).toEqual(whole.counters);
    expect(sliced.state.clock).toBe(built.state.clock);
  });

  it('collects a batch that stays as it was while the state goes on, and survives JSON as plain records (the MongoDB redo journal)', () => {
    const core = newCore();
    const half = Math.floor(history.length / 2);
    core.applyBatch('all', history.slice(0, half));
    const batch = core.collectBatch({ all: half }, [], []);
    const records = batch.entities.map(([key, record]) => [key, JSON.parse(JSON.stringify({ data: record.data, entries: record.entries }))]);
    expect(records.length).toBeGreaterThan(10);
    expect(records.every(([, record]) => record.entries.length > 0 || record.data !== undefined)).toBe(true);
    core.applyBatch('all', history.slice(half)); // replaces and nets many of those entities again
    expect(batch.entities.map(([key, record]) => [key, JSON.parse(JSON.stringify({ data: record.data, entries: record.entries }))])).toEqual(records);
    // Serialised whole, an entity is its data and entries, nothing of the state's internals.
    const viaJson = (JSON.parse(JSON.stringify(batch)) as typeof batch).entities;
    expect(viaJson.map(([key, record]) => [key, record])).toEqual(records);
  });

  it('parks an event that arrives ahead of its stream and applies it when the gap closes', () => {
    const core = newCore();
    const stream = history.filter((e) => e.streamId === 'deals.deal-d0');
    expect(stream.length).toBeGreaterThanOrEqual(3);
    core.applyBatch('deals', [stream[0], stream[2]]);
    expect(core.streams.get('deals.deal-d0')).toBe(0);
    expect(core.parkedCount).toBe(1);
    core.applyBatch('deals', [stream[1]]);
    expect(core.streams.get('deals.deal-d0')).toBe(2);
    expect(core.parkedCount).toBe(0);
  });

  it('sends a poison event to the dead letters and keeps going', () => {
    const core = newCore();
    const [first, ...rest] = history;
    const poison = { ...first, data: { nonsense: true } };
    const outcome = core.applyBatch('training', [poison, ...rest]);
    expect(outcome.deadLetters).toHaveLength(1);
    expect(outcome.deadLetters[0]).toMatchObject({ eventId: first.id, streamId: first.streamId, reason: expect.stringContaining('invalid event') });
    expect(core.counters.deadLettered).toBe(1);
    expect(core.counters.eventsApplied).toBe(history.length - 1);
    const unknown = { ...first, id: 'x', streamId: 'other.stream-1', revision: 0, type: 'other.Nope' };
    expect(core.applyBatch('other', [unknown]).deadLetters[0].reason).toContain('unknown event type');
  });

  it('emits MetricChanged only when a value changes, with the event that caused it', () => {
    const core = newCore();
    const changes = core.applyBatch('all', history);
    expect(changes.changes.length).toBeGreaterThan(0);
    for (const change of changes.changes) {
      expect(change.value).not.toBe(change.previousValue);
      expect(history.some((e) => e.id === change.causedBy.eventId && e.revision === change.causedBy.revision)).toBe(true);
    }
    expect(core.applyBatch('all', history).changes).toEqual([]);
  });

  it('re-evaluates an untouched peer only when its peer input moved: the same MetricChanged stream as evaluating every peer', () => {
    // The composite score declares its peer input (the revenue percentile); without it every rep
    // and team with data is re-evaluated whenever any peer is touched.
    const everyPeer = metricCatalogue.map(({ peerInput: _peerInput, ...definition }) => definition);
    expect(everyPeer.length).toBe(metricCatalogue.length);
    expect(metricCatalogue.some((d) => d.peerInput)).toBe(true);
    const changesOf = (core: ProjectionCore) => {
      const changes: string[] = [];
      for (let i = 0; i < history.length; i += 3) {
        for (const change of core.applyBatch(sourceOf(history[i]), history.slice(i, i + 3).filter((e) => sourceOf(e) === sourceOf(history[i]))).changes) {
          changes.push(`${change.seq} ${change.metric}|${change.scope}|${change.period} ${change.previousValue} → ${change.value}`);
        }
        for (const e of history.slice(i, i + 3).filter((e) => sourceOf(e) !== sourceOf(history[i]))) {
          for (const change of core.applyBatch(sourceOf(e), [e]).changes) changes.push(`${change.seq} ${change.metric}|${change.scope}|${change.period} ${change.previousValue} → ${change.value}`);
        }
      }
      return changes;
    };
    const withShortcut = changesOf(newCore());
    const withoutShortcut = changesOf(new ProjectionCore(everyPeer, metricFolds, DEFAULT_METRICS_CONFIG));
    expect(withShortcut.some((c) => c.includes('sales_management_score|rep:'))).toBe(true);
    expect(withShortcut).toEqual(withoutShortcut);
  });

  it('names every event of a batch that changed a value: causedBy the last, alsoCausedBy the others in order', () => {
    const wins = history.filter((e) => e.type === 'deals.DealWon');
    const core = newCore();
    core.applyBatch('all', history.filter((e) => e.type !== 'deals.DealWon'));
    const { changes } = core.applyBatch('deals', wins);
    const ref = (e: (typeof history)[number]) => ({ eventId: e.id, streamId: e.streamId, revision: e.revision });
    const of = (metric: string, scope: string) => changes.find((c) => c.metric === metric && c.scope === scope && c.period === '2026-03')!;
    // Rep r0 won deals d0 and d6 in March, in this order; the org all four wins.
    const [d0, d3, d6, d9] = ['d0', 'd3', 'd6', 'd9'].map((id) => wins.find((e) => e.streamId === `deals.deal-${id}`)!);
    expect(of('avg_deal_size', 'rep:r0')).toMatchObject({ causedBy: ref(d6), alsoCausedBy: [ref(d0)] });
    expect(of('win_rate', 'org')).toMatchObject({ causedBy: ref(d9), alsoCausedBy: [ref(d0), ref(d3), ref(d6)] });
    // The published language carries them (zod keeps only what the schema knows).
    expect(MetricChanged.parse(of('win_rate', 'org')).alsoCausedBy).toHaveLength(3);
    // Catching up over a backlog, only the last cause is kept and named.
    const catchingUp = newCore();
    catchingUp.nameEveryCause(false);
    catchingUp.applyBatch('all', history.filter((e) => e.type !== 'deals.DealWon'));
    const coarse = catchingUp.applyBatch('deals', wins).changes.find((c) => c.metric === 'win_rate' && c.scope === 'org' && c.period === '2026-03');
    expect(coarse?.causedBy).toEqual(ref(d9));
    expect(coarse).not.toHaveProperty('alsoCausedBy');
    // A change with a single cause has no alsoCausedBy at all.
    const next = history.find((e) => e.type === 'deals.TargetSet')!;
    const single = newCore();
    single.applyBatch('all', history.filter((e) => e !== next));
    const alone = single.applyBatch('deals', [next]).changes;
    expect(alone.length).toBeGreaterThan(0);
    for (const change of alone) expect(change).not.toHaveProperty('alsoCausedBy');
  });

  it('names the events that changed what a formula read, not every event that touched its scope and period', () => {
    // In one batch: rep r0 wins deal d0, then an expense of rep r0 in the same month is approved.
    const win = history.find((e) => e.type === 'deals.DealWon' && e.streamId === 'deals.deal-d0')!;
    const expense = history.find((e) => e.type === 'costs.ExpenseApproved' && e.streamId === 'costs.expense-e6')!;
    expect(expense.occurredAt.slice(0, 7)).toBe(win.occurredAt.slice(0, 7));
    const core = newCore();
    core.applyBatch('all', history.filter((e) => e !== win && e !== expense));
    const { changes } = core.applyBatch('all', [win, expense]);
    const ref = (e: (typeof history)[number]) => ({ eventId: e.id, streamId: e.streamId, revision: e.revision });
    const of = (metric: string, scope: string, period = '2026-03') => changes.find((c) => c.metric === metric && c.scope === scope && c.period === period)!;
    // The average deal size reads won revenue and won deals: the expense, the last event of rep r0's March, did not change it.
    expect(of('avg_deal_size', 'rep:r0')).toMatchObject({ causedBy: ref(win) });
    expect(of('avg_deal_size', 'rep:r0')).not.toHaveProperty('alsoCausedBy');
    expect(of('avg_deal_size', 'org', '2026-Q1')).toMatchObject({ causedBy: ref(win) });
    // A level: the win ended the deal's stall, also in June (reached by the level, not touched).
    expect(of('stalled_deals', 'rep:r0', '2026-06')).toMatchObject({ causedBy: ref(win) });
    // The cost of sales reads costs and revenue: both events, the expense applied last.
    expect(of('cost_of_sales_ratio', 'rep:r0')).toMatchObject({ causedBy: ref(expense), alsoCausedBy: [ref(win)] });
    // A metric reading others (the composite reads the cost ratio, the win rate…) is caused by what they read.
    expect(of('sales_management_score', 'rep:r0')).toMatchObject({ causedBy: ref(expense), alsoCausedBy: [ref(win)] });
    // Every change names only events of this batch.
    for (const change of changes) expect([win.id, expense.id]).toContain(change.causedBy.eventId);
  });

  it('drops the values of a scope whose data in a period nets back to nothing: live stores what a rebuild stores', () => {
    // What a store holds after each batch is committed: values upserted, dropped values deleted.
    const storedAfter = (core: ProjectionCore, stored = new Map<string, number | null>()) => {
      const batch = core.collectBatch({}, [], []);
      for (const v of batch.metricValues) stored.set(`${v.metric}|${v.scope}|${v.period}`, v.value);
      for (const [metric, scope, period] of batch.removedValues) {
        expect(batch.metricValues.some((v) => v.metric === metric && v.scope === scope && v.period === period)).toBe(false);
        stored.delete(`${metric}|${scope}|${period}`);
      }
      return stored;
    };
    const live = newCore();
    const stored = new Map<string, number | null>();
    const announced: string[] = [];
    const dropped: string[] = [];
    for (const event of history) {
      for (const c of live.applyBatch(sourceOf(event), [event]).changes) announced.push(`${c.metric}|${c.scope}|${c.period} ${c.previousValue} → ${c.value}`);
      const before = new Set(stored.keys());
      storedAfter(live, stored);
      for (const key of before) if (!stored.has(key)) dropped.push(key);
    }
    const rebuilt = newCore();
    rebuilt.applyBatch('all', history);
    const expected = storedAfter(rebuilt);
    // Deal d0 (rep r0, expected to close in June) was won in March: r0 has no data in June any more.
    expect(dropped).toContain('weighted_pipeline|rep:r0|2026-06');
    expect(announced).toContain('weighted_pipeline|rep:r0|2026-06 200 → 0');
    expect(stored.has('weighted_pipeline|rep:r0|2026-06')).toBe(false);
    expect(stored.get('weighted_pipeline|rep:r2|2026-06')).toBe(3000 * 0.2 + 9000 * 0.2); // r2's deals d2 and d8 are still open
    expect([...stored].sort()).toEqual([...expected].sort());
  });

  it('announces nothing for a period where a scope has no data any more when only its level changes', () => {
    // Rep z: hired, one deal expected to close in September, lost in April (its September values
    // are dropped), then the rep leaves in May: the level change reaches September, where z has
    // no data — a full evaluation lists no value there, so nothing is evaluated or announced.
    let position = 0;
    const revisions: Record<string, number> = {};
    const envelope = (streamId: string, type: string, occurredAt: string, data: unknown): EventEnvelope => {
      revisions[streamId] = (revisions[streamId] ?? -1) + 1;
      return { id: `z-${++position}`, type, schemaVersion: 1, streamId, revision: revisions[streamId], position, occurredAt, recordedAt: occurredAt, tenantId: 'default', actor: 'test', correlationId: 'c', causationId: null, data };
    };
    const deal = { dealId: 'z1', customerId: 'cz', ownerRepId: 'z', teamId: 'tz', region: 'east', channel: 'direct', segment: 'smb' };
    const core = newCore();
    const batches = [
      [envelope('training.rep-z', 'training.RepHired', '2026-01-05T09:00:00.000Z', { repId: 'z', name: 'Zed', teamId: 'tz' })],
      [envelope('deals.deal-z1', 'deals.DealOpened', '2026-03-02T09:00:00.000Z', { ...deal, amount: 900, stage: 'qualification', probability: 0.3, expectedCloseDate: '2026-09-15' })],
      [envelope('deals.deal-z1', 'deals.DealLost', '2026-04-02T09:00:00.000Z', { ...deal, amount: 900, openedAt: '2026-03-02T09:00:00.000Z', reason: 'price', competitor: null })],
      [envelope('training.rep-z', 'training.RepLeft', '2026-05-04T09:00:00.000Z', { repId: 'z', teamId: 'tz', reason: 'moved', hiredAt: '2026-01-05T09:00:00.000Z' })],
    ];
    const [, opened, lost, left] = batches.map((batch) => core.applyBatch(sourceOf(batch[0]), batch).changes);
    const september = (changes: readonly { scope: string; period: string }[]) => changes.filter((c) => c.scope === 'rep:z' && ['2026-09', '2026-Q3'].includes(c.period));
    expect(september(opened).length).toBeGreaterThan(0); // the pipeline counted in September
    expect(september(lost).length).toBeGreaterThan(0); // and its end announced
    expect(core.storedValue('weighted_pipeline', 'rep:z', '2026-09')).toBeUndefined(); // then dropped
    expect(left.some((c) => c.scope === 'rep:z')).toBe(true); // the leaving moves z's May values
    expect(september(left)).toEqual([]);
  });

  it('records silently while rebuilding, then announces each value that differs from the version it replaces', () => {
    const replaced = newCore();
    for (const event of history.slice(0, -6)) replaced.applyBatch(sourceOf(event), [event]); // it has not seen the last six events yet
    const rebuild = newCore();
    rebuild.announcing = false;
    expect(rebuild.applyBatch('all', history).changes).toEqual([]);
    const stored = rebuild.collectBatch({}, [], []).metricValues;
    const differing = stored.filter((v) => (replaced.storedValue(v.metric, v.scope, v.period)?.value ?? null) !== v.value);
    expect(differing.length).toBeGreaterThan(0);

    const corrections = rebuild.corrections(replaced);
    const line = (c: { metric: string; scope: string; period: string; value: number | null }) => `${c.metric}|${c.scope}|${c.period}=${c.value}`;
    expect(corrections.map(line).sort()).toEqual(differing.map(line).sort());
    expect(corrections.map((c) => c.seq)).toEqual(corrections.map((_, i) => replaced.counters.changesRecorded + 1 + i));
    const byId = new Map(history.map((e) => [e.id, e]));
    for (const c of corrections) {
      expect(c.previousValue).toBe(replaced.storedValue(c.metric, c.scope, c.period)?.value ?? null);
      const cause = byId.get(c.causedBy.eventId);
      expect(cause).toBeDefined();
      // Exactly as DESIGN.md names a cause: its event, stream and revision; the change's time is the event's.
      expect(c.causedBy).toEqual({ eventId: cause?.id, streamId: cause?.streamId, revision: cause?.revision });
      expect(c.occurredAt).toBe(cause?.occurredAt);
    }
    // Announced once: a second take-over finds nothing to correct.
    expect(rebuild.corrections(replaced)).toEqual([]);
  });

  it('replay from scratch equals the live result, whatever the batching, duplication and interleaving', () => {
    const reference = newCore();
    reference.applyBatch('all', history);
    const expected = snapshot(reference);
    expect(expected.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 15 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 2 ** 31 }), (sizes, seed) => {
        // Interleave the four sources randomly, keeping each source's own order.
        const bySource = new Map<string, typeof history>();
        for (const e of history) bySource.set(sourceOf(e), [...(bySource.get(sourceOf(e)) ?? []), e]);
        const queues = [...bySource.values()].map((q) => [...q]);
        let rng = seed;
        const next = () => (rng = (rng * 1103515245 + 12345) % 2 ** 31);
        const delivered = [];
        while (queues.some((q) => q.length > 0)) {
          const q = queues.filter((x) => x.length > 0)[next() % queues.filter((x) => x.length > 0).length];
          const e = q.shift()!;
          delivered.push(e);
          if (next() % 5 === 0) delivered.push(e); // at-least-once: some events twice
        }
        const live = newCore();
        let i = 0;
        let s = 0;
        while (i < delivered.length) {
          const size = sizes[s++ % sizes.length];
          const batch = delivered.slice(i, i + size);
          live.applyBatch(sourceOf(batch[0]), batch);
          i += size;
        }
        expect(snapshot(live)).toEqual(expected);
        expect(live.counters.eventsApplied).toBe(history.length);
      }),
      { numRuns: 25 },
    );
  });
});
