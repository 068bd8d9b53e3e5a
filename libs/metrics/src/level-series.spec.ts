import fc from 'fast-check';
import { LevelSeries } from './level-series';

const dayOf = (n: number) => `2026-${String(1 + Math.floor(n / 28)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;

/** The view a series sorted afresh gives for what another holds. */
const fresh = (series: LevelSeries) => {
  const copy = new LevelSeries();
  for (const [day, delta] of series) copy.put(day, delta);
  const { days, deltas, level } = copy.sorted;
  return { days: [...days], deltas: [...deltas], level: [...level] };
};

describe('a level series read while it changes', () => {
  it('reads what a series sorted afresh reads, after any puts between reads', () => {
    const step = fc.oneof(fc.record({ put: fc.integer({ min: 0, max: 200 }), delta: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -1e4, max: 1e4, noNaN: true })) }), fc.constant({ read: true as const }));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
        const series = new LevelSeries();
        for (const s of steps) {
          if ('read' in s) {
            const { days, deltas, level } = series.sorted;
            expect({ days: [...days], deltas: [...deltas], level: [...level] }).toEqual(fresh(series));
          } else series.put(dayOf(s.put), s.delta);
        }
        const { days, deltas, level } = series.sorted;
        expect({ days: [...days], deltas: [...deltas], level: [...level] }).toEqual(fresh(series));
      }),
    );
  });

  it('keeps its view when today is appended or a known day changes, and sums only from there', () => {
    const series = new LevelSeries();
    series.put('2026-01-01', 1);
    series.put('2026-01-03', 2);
    const view = series.sorted;
    series.put('2026-01-05', 4); // a later day: appended
    series.put('2026-01-03', 5); // a known day: changed in place
    expect(series.sorted).toBe(view);
    expect(view).toEqual({ days: ['2026-01-01', '2026-01-03', '2026-01-05'], deltas: [1, 5, 4], level: [1, 6, 10] });
    series.put('2026-01-02', 1); // before the last day: sorted afresh
    expect(series.sorted).not.toBe(view);
    expect(series.sorted.level).toEqual([1, 2, 7, 11]);
  });
});
