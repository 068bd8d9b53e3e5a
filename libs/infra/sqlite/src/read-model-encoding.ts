import { encodeEntityRecord } from '@quotient/projection';
import type { ReadModelBatch } from '@quotient/projection';
import { type EncodedRows, type EncodedTail, noRows } from './read-model-writer';

/** Rows encoded (and handed to the writer thread) between two turns of the event loop: ~10–20 ms here. */
export const ENCODE_PART_ROWS = 10_000;

/** Rows a batch writes (what its transaction costs). */
export const rowsIn = (batch: ReadModelBatch): number =>
  batch.sums.length + batch.levels.length + batch.entities.length + batch.streams.length + batch.metricValues.length + batch.removedValues.length + batch.changes.length + batch.deadLetters.length;

/** A batch's rows as SQL values (JSON built here), at most `maxRows` rows a part, table by table. */
export function* encodeParts(batch: ReadModelBatch, maxRows: number): Generator<EncodedRows> {
  let part = noRows();
  let room = maxRows;
  function* each<T>(rows: readonly T[], push: (part: EncodedRows, row: T) => void): Generator<EncodedRows> {
    for (const row of rows) {
      if (room === 0) {
        yield part;
        part = noRows();
        room = maxRows;
      }
      push(part, row);
      room--;
    }
  }
  yield* each(batch.sums, (p, [key, value]) => p.sums.push(key, value));
  yield* each(batch.levels, (p, [series, day, delta]) => p.levels.push(series, day, delta));
  yield* each(batch.entities, (p, [key, record]) => p.entities.push(key, encodeEntityRecord(record)));
  yield* each(batch.streams, (p, [stream, revision]) => p.streams.push(stream, revision));
  yield* each(batch.metricValues, (p, v) => p.values.push(v.metric, v.scope, v.period, v.value, v.unit, JSON.stringify(v.inputs), v.position, v.source, v.updatedAt));
  yield* each(batch.removedValues, (p, [metric, scope, period]) => p.removedValues.push(metric, scope, period));
  yield* each(batch.changes, (p, { seq, ...change }) => p.changes.push(seq, change.metric, change.scope, change.period, JSON.stringify(change)));
  yield* each(batch.deadLetters, (p, d) => p.deadLetters.push(d.source, d.eventId, JSON.stringify(d)));
  yield part;
}

export const tailOf = (batch: ReadModelBatch): EncodedTail => ({
  checkpoints: Object.entries(batch.checkpoints).flat(),
  clock: batch.clock,
  counters: JSON.stringify(batch.counters),
});

