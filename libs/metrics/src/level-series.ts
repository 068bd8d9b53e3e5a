/** A level series in day order: `level[i]` is the sum of the deltas of `days[0..i]`. */
export interface SortedSeries {
  readonly days: readonly string[];
  readonly deltas: readonly number[];
  readonly level: readonly number[];
}

const EMPTY: SortedSeries = { days: [], deltas: [], level: [] };

/** The index of `day` in ascending `days` (it is there). */
const indexOf = (days: readonly string[], day: string): number => {
  let low = 0;
  let high = days.length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (days[mid] < day) low = mid + 1;
    else high = mid;
  }
  return low;
};

/**
 * One level series (`counter|scope`): the delta of each day it changes on, and — once read — the
 * days in order with the running level after each. The atoms of a series hold it, so adding a
 * delta does not look the series up in the map of every series.
 *
 * Once read, the sorted view is kept up to date in place: a live batch changes a few series by a
 * day at their end (today) or a day they have, and re-sorting a two-year series of the org for
 * each batch made most of the garbage of the live projection over a large history. Only the
 * running levels from the first day changed on are summed again, as a full sort would sum them
 * (the same additions in the same order). A day inserted before the last one drops the view: it
 * is sorted afresh on the next read (a replay changes series without reading them).
 */
export class LevelSeries extends Map<string, number> {
  private ordered: { days: string[]; deltas: number[]; level: number[] } | null = null;
  /** The first index of the view whose running level is out of date (its length: none). */
  private staleFrom = 0;

  /** Sets a day's delta. */
  put(day: string, delta: number): void {
    const ordered = this.ordered;
    if (ordered !== null) {
      const { days } = ordered;
      const last = days.length - 1;
      if (day > days[last]) {
        days.push(day);
        ordered.deltas.push(delta);
        ordered.level.push(0);
        if (last + 1 < this.staleFrom) this.staleFrom = last + 1;
      } else if (this.has(day)) {
        const i = indexOf(days, day);
        ordered.deltas[i] = delta;
        if (i < this.staleFrom) this.staleFrom = i;
      } else this.ordered = null;
    }
    this.set(day, delta);
  }

  get sorted(): SortedSeries {
    let ordered = this.ordered;
    if (ordered === null) {
      if (this.size === 0) return EMPTY;
      const entries = [...this].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      ordered = this.ordered = { days: entries.map(([day]) => day), deltas: entries.map(([, delta]) => delta), level: entries.map(() => 0) };
      this.staleFrom = 0;
    }
    const { deltas, level } = ordered;
    if (this.staleFrom < level.length) {
      let running = this.staleFrom === 0 ? 0 : level[this.staleFrom - 1];
      for (let i = this.staleFrom; i < level.length; i++) level[i] = running += deltas[i];
      this.staleFrom = level.length;
    }
    return ordered;
  }

  static readonly EMPTY = EMPTY;
}
