/** The most events kept per input between two evaluations (the latest): a change names at most this many. */
export const MAX_CAUSES = 17;

/**
 * What a formula reads, as causes are kept for it: a sum's total cell (a counter of a scope in a
 * month, quarter, year or explicit period), the child sums of a parent scope (one map per
 * counter, parent and period), or a level series (`counter|scope`, with the day of each change).
 */
export type CauseKey = object | string;

interface Caused {
  /** The event, as its place in the order the batch's events were applied. */
  readonly order: number;
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
 * cell it touched. Events are kept as their place in the batch's order (numbers sort and compare
 * cheaply), the events themselves once per batch.
 */
export class CauseLog {
  on = false;
  /** Event → its place in the order the batch's events were applied, since the last take. */
  private order = new Map<unknown, number>();
  private events: unknown[] = [];
  private current = new Map<CauseKey, Caused[]>();
  private takenEvents: readonly unknown[] = [];
  private taken = new Map<CauseKey, readonly Caused[]>();
  /** The event last looked up, and its place (an event changes many inputs in a row). */
  private lastCause: unknown = null;
  private lastOrder = -1;

  /** An event is being applied: its place among this batch's events. */
  event(cause: unknown): void {
    if (this.on && cause !== null) this.orderOf(cause);
  }

  private orderOf(cause: unknown): number {
    if (cause === this.lastCause) return this.lastOrder;
    let order = this.order.get(cause);
    if (order === undefined) {
      order = this.events.length;
      this.order.set(cause, order);
      this.events.push(cause);
    }
    this.lastCause = cause;
    this.lastOrder = order;
    return order;
  }

  /**
   * `cause` changed `key` (on `day` for a level); each key keeps its latest MAX_CAUSES changes. An
   * event that changes a key through several entries in a row is kept once; a read names each
   * event once whatever it finds, and sees a level change from the earliest day it was kept for.
   */
  add(key: CauseKey, cause: unknown, day = ''): void {
    const order = this.orderOf(cause);
    let causes = this.current.get(key);
    if (!causes) this.current.set(key, (causes = []));
    else {
      const last = causes[causes.length - 1];
      if (last.order === order && last.day <= day) return;
      if (causes.length >= MAX_CAUSES) causes.shift();
    }
    causes.push({ order, day });
  }

  /** Starts the next batch: what was recorded becomes what the evaluation that follows reads. */
  take(): void {
    this.taken = this.current;
    this.takenEvents = this.events;
    this.current = new Map();
    this.order = new Map();
    this.events = [];
    this.lastCause = null;
    this.lastOrder = -1;
  }

  /** Whether the batch last taken recorded any cause (else reads need not be traced). */
  get anyTaken(): boolean {
    return this.taken.size > 0;
  }

  /** Whether the batch last taken changed `key`. */
  changed(key: CauseKey): boolean {
    return this.taken.has(key);
  }

  /** The causes of `key` in the batch last taken (as their places); for a level, those effective on or before `upToDay`. */
  read(key: CauseKey, into: Set<number>, upToDay?: string): void {
    const causes = this.taken.get(key) ?? NONE;
    for (const { order, day } of causes) if (upToDay === undefined || day <= upToDay) into.add(order);
  }

  /** The events at these places, in the order they were applied (the latest last). */
  inOrder(places: Set<number>): unknown[] {
    const sorted = Int32Array.from(places).sort();
    const events: unknown[] = new Array(sorted.length);
    for (let i = 0; i < sorted.length; i++) events[i] = this.takenEvents[sorted[i]];
    return events;
  }
}
