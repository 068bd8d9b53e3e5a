import { Binary, type Collection } from 'mongodb';
import type { ReadModelBatch } from '@quotient/projection';
import { upsert, type WriteBudget } from './mongo-batch-writes';
import type { JournalDoc } from './mongo-read-model-collections';

const MARKER = 'pending';
/** Well below MongoDB's 16 MB document limit, leaving room for the envelope. */
export const DEFAULT_JOURNAL_CHUNK_BYTES = 12 * 1024 * 1024;

export interface JournaledBatch {
  readonly batch: ReadModelBatch;
  readonly commitNo: number;
  readonly parts: number;
}

const bytesOf = (data: Binary | undefined): Uint8Array => (data ? data.read(0, data.length()) : new Uint8Array());

/**
 * The redo journal of a read-model version. Writing the marker document is the commit point of a
 * batch: a single-document write is atomic. A batch too large for one document is written first
 * as numbered chunks, and the marker — written last — makes them count; chunks without a marker
 * are a journal that never committed and are discarded.
 */
export class RedoJournal {
  constructor(
    private readonly journal: Collection<JournalDoc>,
    private readonly chunkBytes = DEFAULT_JOURNAL_CHUNK_BYTES,
  ) {}

  /** Returns, once the batch is durable as a whole, the number of chunks it took (0: inline). */
  async write(batch: ReadModelBatch, commitNo: number, budget: WriteBudget): Promise<number> {
    const bytes = Buffer.from(JSON.stringify(batch), 'utf8');
    const seqs = batch.changes.map((change) => change.seq);
    const summary = {
      commitNo,
      bytes: bytes.length,
      seqRange: seqs.length > 0 ? ([seqs[0], seqs[seqs.length - 1]] as [number, number]) : null,
      checkpoints: Object.entries(batch.checkpoints),
    };
    if (bytes.length <= this.chunkBytes) {
      await budget.bulk(this.journal, [upsert<JournalDoc>(MARKER, { ...summary, parts: 0, data: new Binary(bytes) })]);
      return 0;
    }
    const parts = Math.ceil(bytes.length / this.chunkBytes);
    // One bulk per chunk: the driver would otherwise pack several 12 MB chunks into one message.
    for (let part = 0; part < parts; part++) {
      const data = new Binary(bytes.subarray(part * this.chunkBytes, (part + 1) * this.chunkBytes));
      await budget.bulk(this.journal, [upsert<JournalDoc>(`${commitNo}:${part}`, { commitNo, part, data })]);
    }
    await budget.bulk(this.journal, [upsert<JournalDoc>(MARKER, { ...summary, parts })]);
    return parts;
  }

  /** The batch of a commit that stopped after its commit point, if any; drops an uncommitted journal. */
  async pending(): Promise<JournaledBatch | null> {
    const marker = await this.journal.findOne({ _id: MARKER });
    if (!marker) {
      await this.journal.deleteMany({});
      return null;
    }
    const { commitNo, parts = 0 } = marker;
    let bytes = bytesOf(marker.data);
    if (parts > 0) {
      const chunks = await this.journal.find({ commitNo, part: { $gte: 0, $lt: parts } }).sort({ part: 1 }).toArray();
      if (chunks.length !== parts) throw new Error(`redo journal of commit ${commitNo} has ${chunks.length} of its ${parts} chunks`);
      bytes = Buffer.concat(chunks.map((chunk) => bytesOf(chunk.data)));
    }
    return { batch: JSON.parse(Buffer.from(bytes).toString('utf8')) as ReadModelBatch, commitNo, parts };
  }

  /** Ends a commit: the marker goes first, so a crash in between leaves only discardable chunks. */
  async clear(budget: WriteBudget, parts: number): Promise<void> {
    await budget.bulk(this.journal, [{ deleteOne: { filter: { _id: MARKER } } }]);
    if (parts > 0) await budget.bulk(this.journal, [{ deleteMany: { filter: {} } }]);
  }
}
