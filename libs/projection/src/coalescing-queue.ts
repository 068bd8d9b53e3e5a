/**
 * Runs `process` on the items offered, one group at a time; items offered while a group is being
 * processed form the next group (so batches that pile up during a write are written together).
 * Each offer resolves or rejects with its group. `chain` lets other work take turns in the same order.
 */
export class CoalescingQueue<T> {
  private readonly pending: Array<{ item: T; resolve: () => void; reject: (error: unknown) => void }> = [];
  private draining = false;
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly process: (group: readonly T[]) => Promise<void>) {}

  offer(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.draining) return;
      this.draining = true;
      this.tail = this.tail.then(() => this.drain());
    });
  }

  /** Runs `work` after everything queued so far; its failure is handed to `onError`, not to later work. */
  chain(work: () => Promise<void>, onError: (error: unknown) => void): Promise<void> {
    const run = this.tail.then(work);
    this.tail = run.catch(onError);
    return run;
  }

  /** Resolves once everything queued so far has run. */
  idle(): Promise<void> {
    return this.tail;
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const group = this.pending.splice(0);
      try {
        await this.process(group.map((entry) => entry.item));
        for (const entry of group) entry.resolve();
      } catch (error) {
        for (const entry of group) entry.reject(error);
      }
    }
    this.draining = false;
  }
}
