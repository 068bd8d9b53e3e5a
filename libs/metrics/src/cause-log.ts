/** The most events kept per input between two evaluations (the latest): a change names at most this many. */
export const MAX_CAUSES = 17;

/**
 * What a formula reads, as causes are kept for it: a sum's total cell (a counter of a scope in a
 * month, quarter, year or explicit period), the child sums of a parent scope (one map per
 * counter, parent and period), or a level series (`counter|scope`, with the day of each change).
 */
export type CauseKey = object | string;

interface Caused {
  readonly cause: unknown;
  /** Levels: the day the change took effect (a read up to an earlier day does not see it). */
  readonly day: string;
}

const NONE: readonly Caused[] = [];

/**
 * The events that changed each input of the formulas since the last evaluation, in the order the
 * events were applied: a MetricChanged names the events that changed what its formula read, not
 * every event that touched its scope and period (a rep's activity does not cause their win rate
 * to change, though it touches the same scope and month). Kept only while changes are announced
 * one batch at a time (`on`); a catch-up over a backlog would otherwise keep an event for every
 * cell it touched.
 */
export class CauseLog {
  on = false;
  /** Event → the order it was applied in, since the last take. */
  private order = new Map<unknown, number>();
  private current = new Map<CauseKey, Caused[]>();
  private takenOrder = new Map<unknown, number>();
  private taken = new Map<CauseKey, readonly Caused[]>();

  /** An event is being applied (its order among this batch's events). */
  event(cause: unknown): void {
    if (this.on && cause !== null && !this.order.has(cause)) this.order.set(cause, this.order.size);
  }

  /** `cause` changed `key` (on `day` for a level); each key keeps its latest MAX_CAUSES events, each once. */
  add(key: CauseKey, cause: unknown, day = ''): void {
    let causes = this.current.get(key);
    if (!causes) this.current.set(key, (causes = []));
    const known = causes.findIndex((c) => c.cause === cause);
    if (known >= 0) {
      // One event changing a level on several days: a read sees it from the earliest.
      if (day < causes[known].day) causes[known] = { cause, day };
      return;
    }
    if (causes.length >= MAX_CAUSES) causes.shift();
    causes.push({ cause, day });
  }

  /** Starts the next batch: what was recorded becomes what the evaluation that follows reads. */
  take(): void {
    this.taken = this.current;
    this.takenOrder = this.order;
    this.current = new Map();
    this.order = new Map();
  }

  /** Whether the batch last taken recorded any cause (else reads need not be traced). */
  get anyTaken(): boolean {
    return this.taken.size > 0;
  }

  /** The causes of `key` in the batch last taken; for a level, those effective on or before `upToDay`. */
  read(key: CauseKey, into: Set<unknown>, upToDay?: string): void {
    const causes = this.taken.get(key) ?? NONE;
    for (const { cause, day } of causes) if (upToDay === undefined || day <= upToDay) into.add(cause);
  }

  /** Causes in the order their events were applied (the latest last). */
  inOrder(causes: Iterable<unknown>): unknown[] {
    const order = this.takenOrder;
    return [...causes].sort((a, b) => (order.get(a) ?? -1) - (order.get(b) ?? -1));
  }
}
