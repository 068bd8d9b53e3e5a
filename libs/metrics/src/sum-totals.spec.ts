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
