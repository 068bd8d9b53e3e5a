/** A level series in day order: `level[i]` is the sum of the deltas of `days[0..i]`. */
export interface SortedSeries {
  readonly days: readonly string[];
  readonly deltas: readonly number[];
  readonly level: readonly number[];
}

const EMPTY: SortedSeries = { days: [], deltas: [], level: [] };

/**
 * One level series (`counter|scope`): the delta of each day it changes on, and — once read — the
 * days in order with the running level after each, kept until the series next changes. The atoms
 * of a series hold it, so adding a delta does not look the series up in the map of every series.
 */
export class LevelSeries extends Map<string, number> {
  private ordered: SortedSeries | null = null;

  /** Sets a day's delta (the sorted view is rebuilt on the next read). */
  put(day: string, delta: number): void {
    this.set(day, delta);
    this.ordered = null;
  }

  get sorted(): SortedSeries {
    if (this.ordered === null) {
      const entries = [...this].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      const level: number[] = [];
      let running = 0;
      for (const [, delta] of entries) level.push((running += delta));
      this.ordered = entries.length === 0 ? EMPTY : { days: entries.map(([day]) => day), deltas: entries.map(([, delta]) => delta), level };
    }
    return this.ordered;
  }

  static readonly EMPTY = EMPTY;
}
