/** Something whose change since the last flush is flagged on itself. */
export interface Flaggable {
  dirty: boolean;
}

/**
 * The items changed since the last flush, each listed once: a flag on the item instead of a set
 * lookup per change (sums, stream revisions and metric values change millions of times in a
 * replay).
 */
export class DirtyList<T extends Flaggable> {
  private items: T[] = [];

  mark(item: T): void {
    if (item.dirty) return;
    item.dirty = true;
    this.items.push(item);
  }

  get list(): readonly T[] {
    return this.items;
  }

  /** Unflags every item and starts a new list. */
  clear(): void {
    for (const item of this.items) item.dirty = false;
    this.items = [];
  }
}
