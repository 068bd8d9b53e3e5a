import type { ReadModelBatch } from './read-model.port';

const rowsOf = (batch: ReadModelBatch): number =>
  batch.sums.length + batch.levels.length + batch.entities.length + batch.streams.length + batch.metricValues.length + batch.removedValues.length;

/**
 * A batch cut into consecutive batches of at most `maxRows` state rows (sums, level cells,
 * entities, stream revisions, metric values, removed values), in that order. Only the last
 * carries the checkpoints, the value history and the dead letters: committed one after another,
 * the store reaches exactly the state of the whole batch, but not atomically — a crash in between
 * leaves state rows ahead of the checkpoints. Only for a rebuild that does not serve yet (a
 * crashed rebuild is discarded and started again), so that writing a million-event state does
 * not hold the serving process for tens of seconds in one transaction.
 */
export const sliceBatch = (batch: ReadModelBatch, maxRows: number): ReadModelBatch[] => {
  maxRows = Math.max(1, Math.floor(maxRows));
  if (rowsOf(batch) <= maxRows) return [batch];
  const slices: ReadModelBatch[] = [];
  let current = emptyLike(batch);
  let room = maxRows;
  const take = <K extends 'sums' | 'levels' | 'entities' | 'streams' | 'metricValues' | 'removedValues'>(key: K) => {
    const rows = batch[key] as ReadonlyArray<unknown>;
    for (let at = 0; at < rows.length; ) {
      if (room === 0) {
        slices.push(current);
        current = emptyLike(batch);
        room = maxRows;
      }
      const part = rows.slice(at, at + room);
      const into = current[key] as unknown[];
      for (const row of part) into.push(row);
      at += part.length;
      room -= part.length;
    }
  };
  for (const key of ['sums', 'levels', 'entities', 'streams', 'metricValues', 'removedValues'] as const) take(key);
  slices.push({ ...current, checkpoints: batch.checkpoints, changes: batch.changes, deadLetters: batch.deadLetters });
  return slices;
};

/** A batch with no rows yet, no checkpoint moved, no history, and the batch's clock and counters. */
const emptyLike = (batch: ReadModelBatch) => ({
  sums: [] as unknown[],
  levels: [] as unknown[],
  entities: [] as unknown[],
  streams: [] as unknown[],
  metricValues: [] as unknown[],
  removedValues: [] as unknown[],
  checkpoints: {},
  clock: batch.clock,
  counters: batch.counters,
  changes: [],
  deadLetters: [],
}) as unknown as ReadModelBatch & Record<'sums' | 'levels' | 'entities' | 'streams' | 'metricValues' | 'removedValues', unknown[]>;
