import { levelInterval, sums } from './entries';
import { MetricState } from './metric-state';

describe('MetricState scopes with data', () => {
  it('forgets a scope whose data nets back to zero, so scope lists do not depend on arrival order', () => {
    const state = new MetricState();
    // An entity first counted in team:a (attribution not yet known), then recomputed into team:b.
    state.setEntity('customer:c1', {}, [...sums('n', ['org', 'team:a'], '2026-01-10T00:00:00Z', 1), ...levelInterval('l', ['team:a'], '2026-01-10', null)]);
    state.setEntity('customer:c1', {}, [...sums('n', ['org', 'team:b'], '2026-01-10T00:00:00Z', 1), ...levelInterval('l', ['team:b'], '2026-01-10', null)]);
    expect(state.scopesIn('2026-01').sort()).toEqual(['org', 'team:b']);
    expect(state.scopesIn('2026-05').sort()).toEqual(['team:b']); // a level reaches every period
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
    expect(state.scopesIn('2026-03').sort()).toEqual(['team:a', 'team:b']);
  });
});
