import type { CauseKey, CauseLog } from './cause-log';

const NONE: readonly unknown[] = [];

/**
 * What one formula read that the batch being evaluated changed: inputs (with the day a level
 * read went up to) and the reads of the metrics it read. Recorded as the formula runs, resolved
 * to events only for a value that changed (`causesRead`): most evaluations change nothing.
 */
export class Reads {
  keys: CauseKey[] | null = null;
  days: Array<string | undefined> | null = null;
  nested: Reads[] | null = null;

  key(key: CauseKey, upToDay: string | undefined): void {
    (this.keys ??= []).push(key);
    (this.days ??= []).push(upToDay);
  }

  metric(reads: Reads): void {
    (this.nested ??= []).push(reads);
  }

  /** The events behind these reads in the batch `log` last took, in the order they were applied. */
  causes(log: CauseLog): readonly unknown[] {
    const places = new Set<number>();
    if (!this.nested) {
      // The common case: the formula's own inputs only.
      for (let i = 0; i < this.keys!.length; i++) log.read(this.keys![i], places, this.days![i]);
    } else {
      const seen = new Set<Reads>();
      const collect = (reads: Reads): void => {
        if (seen.has(reads)) return;
        seen.add(reads);
        if (reads.keys) for (let i = 0; i < reads.keys.length; i++) log.read(reads.keys[i], places, reads.days![i]);
        if (reads.nested) for (const nested of reads.nested) collect(nested);
      };
      collect(this);
    }
    return places.size > 0 ? log.inOrder(places) : NONE;
  }
}
