import type { AnyBulkWriteOperation, Collection, Document, Filter, WithoutId } from 'mongodb';
import { encodeEntityRecord } from '@quotient/projection';
import type { ReadModelBatch } from '@quotient/projection';
import type { ChangeDoc, CheckpointDoc, DeadLetterDoc, EntityDoc, LevelDoc, MetaDoc, ReadModelCollections, StreamDoc, SumDoc, ValueDoc } from './mongo-read-model-collections';

/** A simulated crash (test hook `failAfterWrites`): the process "died" after so many document writes. */
export class InjectedCrash extends Error {
  override readonly name = 'InjectedCrash';
}

/**
 * Every document write of one commit goes through here, as an ordered bulk write. With a limit
 * (fault injection), only that many operations reach the server — possibly the first half of a
 * bulk — and then the commit throws, as a process killed mid-write would leave things.
 */
export class WriteBudget {
  private used = 0;

  constructor(private readonly limit?: number) {}

  async bulk<T extends Document>(collection: Collection<T>, ops: AnyBulkWriteOperation<T>[]): Promise<void> {
    if (ops.length === 0) return;
    const allowed = this.limit === undefined ? ops.length : Math.max(0, Math.min(ops.length, this.limit - this.used));
    this.used += allowed;
    if (allowed > 0) await collection.bulkWrite(ops.slice(0, allowed), { ordered: true });
    if (allowed < ops.length) throw new InjectedCrash(`injected crash after ${this.limit} writes`);
  }
}

/** An upsert of a full value: applying it twice is the same as once. */
export const upsert = <T extends { _id: string | number }>(_id: T['_id'], doc: WithoutId<T>): AnyBulkWriteOperation<T> => ({
  replaceOne: { filter: { _id } as Filter<T>, replacement: doc, upsert: true },
});

export const levelId = (series: string, day: string) => `${series}|${day}`;
export const valueId = (metric: string, scope: string, period: string) => `${metric}|${scope}|${period}`;

/**
 * Applies a batch with idempotent writes keyed by natural keys, all collections at once: the redo
 * journal already holds the batch, so the order in which these land does not matter.
 */
export const applyBatch = async (c: ReadModelCollections, batch: ReadModelBatch, commitNo: number, budget: WriteBudget): Promise<void> => {
  await settleAll([
    budget.bulk(c.sums, batch.sums.map(([key, value]) => upsert<SumDoc>(key, { value }))),
    budget.bulk(
      c.levels,
      batch.levels.map(([series, day, delta]): AnyBulkWriteOperation<LevelDoc> =>
        delta === 0 ? { deleteOne: { filter: { _id: levelId(series, day) } } } : upsert<LevelDoc>(levelId(series, day), { series, day, delta }),
      ),
    ),
    budget.bulk(c.entities, batch.entities.map(([key, record]) => upsert<EntityDoc>(key, { record: encodeEntityRecord(record) }))),
    budget.bulk(c.streams, batch.streams.map(([stream, revision]) => upsert<StreamDoc>(stream, { revision }))),
    budget.bulk(c.values, [
      ...batch.metricValues.map((v) => upsert<ValueDoc>(valueId(v.metric, v.scope, v.period), { ...v, inputs: JSON.stringify(v.inputs) })),
      ...batch.removedValues.map(([metric, scope, period]): AnyBulkWriteOperation<ValueDoc> => ({ deleteOne: { filter: { _id: valueId(metric, scope, period) } } })),
    ]),
    budget.bulk(
      c.changes,
      batch.changes.map(({ seq, ...change }) => upsert<ChangeDoc>(seq, { metric: change.metric, scope: change.scope, period: change.period, change: JSON.stringify(change) })),
    ),
    budget.bulk(
      c.deadLetters,
      batch.deadLetters.map((letter, index): AnyBulkWriteOperation<DeadLetterDoc> => ({
        updateOne: {
          filter: { _id: `${letter.source}|${letter.eventId}` },
          update: { $set: { letter: JSON.stringify(letter) }, $setOnInsert: { commitNo, index } },
          upsert: true,
        },
      })),
    ),
    budget.bulk(c.checkpoints, Object.entries(batch.checkpoints).map(([source, position]) => upsert<CheckpointDoc>(source, { position }))),
    budget.bulk(c.meta, [upsert<MetaDoc>('state', { clock: batch.clock, counters: batch.counters, commitNo })]),
  ]);
};

/** Waits for every write in flight (so none lands after we report failure), then throws the first error. */
const settleAll = async (writes: Promise<void>[]): Promise<void> => {
  const failed = (await Promise.allSettled(writes)).find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
};
