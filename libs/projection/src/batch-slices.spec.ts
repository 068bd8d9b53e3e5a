import { sliceBatch } from './batch-slices';
import { aBatch, nthBatch } from './testing';

describe('sliceBatch', () => {
  const rows = (b: ReturnType<typeof nthBatch>) => [b.sums, b.levels, b.entities, b.streams, b.metricValues, b.removedValues].map((r) => r.length).reduce((a, n) => a + n, 0);

  it('cuts a batch into slices of at most so many rows, in order, the history and checkpoints in the last only', () => {
    const batch = nthBatch(5); // 3 sums, 3 levels, 2 entities, 2 streams, 2 values, 2 removed: 14 rows
    const slices = sliceBatch(batch, 4);
    expect(slices.map(rows)).toEqual([4, 4, 4, 2]);
    for (const key of ['sums', 'levels', 'entities', 'streams', 'metricValues', 'removedValues'] as const) {
      expect(slices.flatMap((s) => s[key] as readonly unknown[])).toEqual(batch[key]);
    }
    for (const slice of slices.slice(0, -1)) {
      expect(slice).toMatchObject({ checkpoints: {}, changes: [], deadLetters: [], clock: batch.clock, counters: batch.counters });
    }
    expect(slices[slices.length - 1]).toMatchObject({ checkpoints: batch.checkpoints, changes: batch.changes, deadLetters: batch.deadLetters });
  });

  it('leaves a small batch whole', () => {
    const batch = nthBatch(2);
    expect(sliceBatch(batch, 100)).toEqual([batch]);
    expect(sliceBatch(aBatch(), 1)).toEqual([aBatch()]);
    expect(sliceBatch(nthBatch(5), 0)).toHaveLength(14); // a limit below one row means one row a slice
  });
});
