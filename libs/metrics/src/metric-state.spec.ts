import { levelInterval, sums } from './entries';
import { type EntityMemo, MetricState } from './metric-state';

describe('MetricState scopes with data', () => {
  it('forgets a scope whose data nets back to zero, so scope lists do not depend on arrival order', () => {
    const state = new MetricState();
    // An entity first counted in team:a (attribution not yet known), then recomputed into team:b.
    state.setEntity('customer:c1', {}, () => [...sums('n', ['org', 'team:a'], '2026-01-10T00:00:00Z', 1), ...levelInterval('l', ['team:a'], '2026-01-10', null)]);
    state.settle();
    state.setEntity('customer:c1', {}, () => [...sums('n', ['org', 'team:b'], '2026-01-10T00:00:00Z', 1), ...levelInterval('l', ['team:b'], '2026-01-10', null)]);
    expect(state.scopesIn('2026-01').sort()).toEqual(['org', 'team:b']);
    expect(state.scopesIn('2026-05')).toEqual([]); // the clock has not reached May
    state.advanceClock('2026-05-20T00:00:00.000Z');
    expect(state.scopesIn('2026-05').sort()).toEqual(['team:b']); // a level reaches every period from its first day to the clock
    expect(state.scopesIn('2026-Q2').sort()).toEqual(['team:b']);
    expect(state.scopesIn('2026-06')).toEqual([]);
    expect(state.scopesIn('2025-12')).toEqual([]);
  });

  it('keeps a scope while any of its sums or level deltas is non-zero, and ignores internal scopes', () => {
    const state = new MetricState();
    state.addFacts([...sums('x', ['team:a', 'org/customer:c1', 'cell:smb/north'], '2026-02-01T00:00:00Z', 2), ...sums('y', ['team:a'], '2026-02-01T00:00:00Z', 1)]);
    state.addFacts(sums('x', ['team:a'], '2026-02-01T00:00:00Z', -2));
    expect(state.scopesIn('2026-02')).toEqual(['team:a']);
    state.addFacts(sums('y', ['team:a'], '2026-02-01T00:00:00Z', -1));
    expect(state.scopesIn('2026-02')).toEqual([]);
  });

  it('counts loaded sums and levels the same way', () => {
    const state = new MetricState();
    state.loadSum('x|team:a|2026-03', 5);
    state.loadSum('x|team:z|2026-03', 0);
    state.loadLevel('l|team:b', '2026-03-02', 1);
    state.loadLevel('l|org/customer:c1', '2026-03-02', 1);
    state.loadClock('2026-03-05T00:00:00.000Z');
    expect(state.scopesIn('2026-03').sort()).toEqual(['team:a', 'team:b']);
  });
});

describe('MetricState entities', () => {
  it('computes a replaced entity\'s entries once, when the counters are next read, and nets them exactly', () => {
    const state = new MetricState();
    let computed = 0;
    const deal = (amount: number, month: string) => () => {
      computed++;
      return sums('pipeline', ['org', 'team:a'], `${month}-10T00:00:00Z`, amount);
    };
    state.setEntity('deal:d1', { amount: 100 }, deal(100, '2026-01'));
    expect(state.sum('pipeline', 'org', '2026-01')).toBe(100);
    state.setEntity('deal:d1', { amount: 150 }, deal(150, '2026-01'));
    state.setEntity('deal:d1', { amount: 90 }, deal(90, '2026-02'));
    expect(state.entity<{ amount: number }>('deal:d1')?.data).toEqual({ amount: 90 }); // folds see the latest data at once
    expect(computed).toBe(1); // the two replacements are not computed yet
    expect(state.sum('pipeline', 'org', '2026-01')).toBe(0);
    expect(state.sum('pipeline', 'team:a', '2026-02')).toBe(90);
    expect(state.sum('pipeline', 'org', '2026-Q1')).toBe(90);
    expect(computed).toBe(2);
    expect(state.entities.get('deal:d1')?.entries).toHaveLength(2);
  });

  it('marks replaced entities dirty and attributes their counter changes to the cause that replaced them', () => {
    const state = new MetricState();
    state.cause = 'e1';
    state.setEntity('deal:d1', {}, () => sums('won', ['org'], '2026-03-02T00:00:00Z', 1));
    state.cause = 'e2';
    state.setEntity('deal:d2', {}, () => sums('won', ['team:b'], '2026-04-02T00:00:00Z', 1));
    state.cause = null;
    expect([...state.dirtyEntities].sort()).toEqual(['deal:d1', 'deal:d2']);
    const { touched } = state.takeTouched();
    expect([...(touched.get('2026-03') ?? [])]).toEqual(['org']);
    expect(state.causeOf('2026-03', 'org')).toBe('e1');
    expect(state.causeOf('2026-Q2', 'team:b')).toBe('e2');
    expect([...state.dirtySums].sort()).toEqual(['won|org|2026-03', 'won|team:b|2026-04']);
  });

  it('keeps the sums of sub-scopes per parent and period, also for loaded state', () => {
    const live = new MetricState();
    live.addFacts(sums('rev', ['org/customer:c1', 'team:a/customer:c1'], '2026-01-05T00:00:00Z', 100));
    live.addFacts(sums('rev', ['org/customer:c2'], '2026-02-05T00:00:00Z', 40));
    live.addFacts(sums('rev', ['org/customer:c2'], '2026-02-06T00:00:00Z', -40));
    expect([...live.childSums('rev', 'org', '2026-Q1')]).toEqual([['customer:c1', 100]]); // c2 netted to zero
    expect([...live.childSums('rev', 'team:a', '2026')]).toEqual([['customer:c1', 100]]);
    expect(live.childSums('rev', 'org', '2026-02').size).toBe(0);
    const loaded = new MetricState();
    for (const [key, value] of live.sums) loaded.loadSum(key, value);
    expect([...loaded.childSums('rev', 'org', '2026-Q1')]).toEqual([['customer:c1', 100]]);
    expect([...loaded.childSums('rev', 'org', '2026-01')]).toEqual([['customer:c1', 100]]);
  });

  it('finds entities through the memo of the stream being applied as through its map, whichever stream changed them last', () => {
    const state = new MetricState();
    const dealStream: EntityMemo = { memo0: null, memo1: null };
    const otherStream: EntityMemo = { memo0: null, memo1: null };
    const on = <T>(memo: EntityMemo | null, work: () => T): T => {
      state.memo = memo;
      try {
        return work();
      } finally {
        state.memo = null;
      }
    };
    on(dealStream, () => state.setEntity('deal:d1', { v: 1 }, () => sums('won', ['org'], '2026-01-10T00:00:00Z', 1)));
    on(dealStream, () => state.setEntity('life:d1', { v: 1 }, () => []));
    expect(dealStream.memo0?.key).toBe('life:d1');
    expect(dealStream.memo1?.key).toBe('deal:d1');
    // Another stream replaces the deal: the first stream's memo holds the entity, not its data.
    on(otherStream, () => state.setEntity('deal:d1', { v: 2 }, () => sums('won', ['org'], '2026-01-10T00:00:00Z', 2)));
    expect(on(dealStream, () => state.entity<{ v: number }>('deal:d1')?.data)).toEqual({ v: 2 });
    // A third entity pushes the first out of the memo of two: found in the map again.
    on(dealStream, () => state.setEntity('customer:c1', { v: 1 }, () => []));
    on(dealStream, () => state.entity('life:d1'));
    expect(on(dealStream, () => state.entity<{ v: number }>('deal:d1')?.data)).toEqual({ v: 2 });
    expect(on(null, () => state.entity('deal:nope'))).toBeUndefined();
    expect(on(dealStream, () => state.entity('deal:nope'))).toBeUndefined();
    expect(state.sum('won', 'org', '2026-01')).toBe(2);
    expect([...state.entities.keys()].sort()).toEqual(['customer:c1', 'deal:d1', 'life:d1']);
  });

  it('settles pending entities in slices to the same counters as all at once', () => {
    const feed = (state: MetricState) => {
      for (let i = 0; i < 7; i++) {
        state.setEntity(`deal:${i}`, {}, () => sums('won', ['org', `team:t${i % 3}`], `2026-0${1 + (i % 4)}-10T00:00:00Z`, i + 1));
        state.setEntity(`life:${i}`, {}, () => levelInterval('open', [`team:t${i % 3}`], '2026-01-05', i % 2 ? '2026-02-01' : null));
      }
      state.setEntity('deal:3', {}, () => sums('won', ['org', 'team:t9'], '2026-03-10T00:00:00Z', 40)); // replaced while pending
    };
    const once = new MetricState();
    feed(once);
    once.settle();
    const sliced = new MetricState();
    feed(sliced);
    const slices: boolean[] = [];
    for (let done = false; !done; ) slices.push((done = sliced.settleSome(3)));
    expect(slices).toEqual([false, false, false, false, true]); // 14 pending entities, 3 at a time
    expect([...sliced.sums]).toEqual([...once.sums]);
    expect([...sliced.levels].map(([series, days]) => [series, [...days]])).toEqual([...once.levels].map(([series, days]) => [series, [...days]]));
    expect(sliced.sum('won', 'org', '2026-Q1')).toBe(once.sum('won', 'org', '2026-Q1'));
  });
});

