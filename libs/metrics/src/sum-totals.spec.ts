import fc from 'fast-check';
import { SumTotals } from './sum-totals';

/** The top `n` of a parent's child sums by brute force: positive, highest first, ties by name. */
const bruteTop = (sums: ReadonlyMap<string, number>, n: number, prefix: string) => {
  const ranked = [...sums].filter(([child, value]) => value > 0 && child.startsWith(prefix)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, n);
  return { children: ranked.map(([child]) => child), values: ranked.map(([, value]) => value) };
};

describe('the top children of a scope, kept as the sums change', () => {
  it('is always what ranking every child afresh gives', () => {
    const children = ['customer:a', 'customer:b', 'customer:c', 'customer:d', 'customer:e', 'customer:f', 'customer:g', 'rep:x'];
    const step = fc.oneof(
      { weight: 4, arbitrary: fc.record({ child: fc.constantFrom(...children), delta: fc.oneof(fc.integer({ min: -30, max: 30 }), fc.constantFrom(10, 20, -10, -20)) }) },
      { weight: 1, arbitrary: fc.constant({ read: true as const }) },
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 120 }), (steps) => {
        const totals = new SumTotals();
        const targets = new Map(children.map((child) => [child, totals.targetsFor('won', `org/${child}`, '2026-03')]));
        const check = () => {
          for (const period of ['2026-03', '2026-Q1', '2026']) {
            const sums = totals.childSums('won', 'org', period);
            const { children: top, values } = totals.topChildren('won', 'org', period, 5, 'customer:');
            expect({ children: [...top], values: [...values] }).toEqual(bruteTop(sums, 5, 'customer:'));
          }
        };
        for (const s of steps) {
          if ('read' in s) check();
          else totals.add(targets.get(s.child)!, s.delta);
        }
        check();
      }),
    );
  });
});

describe('the index of totals by period, built in slices', () => {
  const seeded = () => {
    const totals = new SumTotals();
    for (let i = 0; i < 50; i++) totals.add(totals.targetsFor('won', `rep:r${i}`, '2026-03'), i + 1);
    return totals;
  };

  it('finds every cell, those created between its slices included', async () => {
    const totals = seeded();
    let pauses = 0;
    await totals.indexInSlices(async () => {
      pauses++;
      totals.add(totals.targetsFor('lost', `rep:new${pauses}`, '2026-04'), pauses);
      totals.add(totals.targetsFor('lost', 'rep:r0', '2026-04'), 1);
    }, 10);
    expect(pauses).toBe(5);
    for (let i = 0; i < 50; i++) for (const period of ['2026-03', '2026-Q1', '2026']) expect(totals.sum('won', `rep:r${i}`, period)).toBe(i + 1);
    for (let k = 1; k <= pauses; k++) expect(totals.sum('lost', `rep:new${k}`, '2026-Q2')).toBe(k);
    expect(totals.sum('lost', 'rep:r0', '2026')).toBe(pauses);
    // Cells created once it is complete are found too.
    totals.add(totals.targetsFor('won', 'rep:late', '2026-05'), 7);
    expect(totals.sum('won', 'rep:late', '2026-Q2')).toBe(7);
  });

  it('answers reads made while it is being built exactly', async () => {
    const totals = seeded();
    const read: number[] = [];
    await totals.indexInSlices(async () => {
      totals.add(totals.targetsFor('won', 'rep:r1', '2026-03'), 10);
      read.push(totals.sum('won', 'rep:r1', '2026'));
    }, 10);
    expect(read).toEqual([12, 22, 32, 42, 52]);
    expect(totals.sum('won', 'rep:r1', '2026-Q1')).toBe(52);
  });
});
