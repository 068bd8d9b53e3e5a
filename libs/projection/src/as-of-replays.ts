import { nextTurn } from './event-loop';
import type { ProjectionCore } from './projection-core';

/**
 * The `asOf` replays a projection service keeps: one per instant asked for, replayed one at a
 * time and kept while the events they hold stay within a budget (a replay of a million events
 * is ~0.9 GB of heap; eight of them, as a count-only cache allowed, do not fit in one process).
 * Least recently used replays go first; the newest is always kept.
 *
 * A later instant is reached from a kept earlier one (`advance`) when the budget could not keep
 * both anyway — a history of a million events, an auditor stepping through month-ends or the
 * dashboard's time moving forward: the earlier replay is brought forward (and is no longer kept)
 * instead of a new one folding every event again.
 */
export class AsOfReplays {
  private readonly cache = new Map<string, Promise<ProjectionCore>>();
  private readonly sizes = new Map<string, number>();
  /** The replays done, by instant (while kept). */
  private readonly done = new Map<string, ProjectionCore>();
  /** The replay running now: the next waits for it, so only one state is being built at a time. */
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly replay: (instant: string) => Promise<ProjectionCore>,
    /** Most events the kept replays may hold together. */
    private readonly maxEvents: number,
    /** Brings a replay forward to a later instant (see the class). */
    private readonly advance?: (core: ProjectionCore, instant: string) => Promise<ProjectionCore>,
  ) {}

  get(instant: string): Promise<ProjectionCore> {
    const cached = this.cache.get(instant);
    if (cached) {
      // Most recently used last.
      this.cache.delete(instant);
      this.cache.set(instant, cached);
      return cached;
    }
    const from = this.advanceable(instant);
    let replay: Promise<ProjectionCore>;
    if (from && this.advance) {
      const { advance } = this;
      this.forget(from.instant);
      // A turn first: a query already given the earlier replay answers from it before it moves on.
      replay = this.running.then(() => nextTurn()).then(() => advance(from.core, instant));
    } else replay = this.running.then(() => this.replay(instant));
    this.running = replay.catch(() => undefined);
    this.cache.set(instant, replay);
    replay.then(
      (core) => {
        if (this.cache.get(instant) !== replay) return;
        this.sizes.set(instant, core.counters.eventsApplied);
        this.done.set(instant, core);
        this.evict(instant);
      },
      () => {
        if (this.cache.get(instant) === replay) this.cache.delete(instant);
      },
    );
    return replay;
  }

  /** Instants kept (replayed or replaying), least recently used first. */
  instants(): string[] {
    return [...this.cache.keys()];
  }

  /**
   * The latest kept replay before `instant` that the budget could not keep beside a replay to
   * `instant` (which holds at least as many events): worth bringing forward rather than keeping.
   */
  private advanceable(instant: string): { readonly instant: string; readonly core: ProjectionCore } | null {
    let latest: string | null = null;
    for (const kept of this.done.keys()) if (kept < instant && (latest === null || kept > latest)) latest = kept;
    if (latest === null) return null;
    let total = 0;
    for (const size of this.sizes.values()) total += size;
    return total + this.sizes.get(latest)! > this.maxEvents ? { instant: latest, core: this.done.get(latest)! } : null;
  }

  private forget(instant: string): void {
    this.cache.delete(instant);
    this.sizes.delete(instant);
    this.done.delete(instant);
  }

  private evict(keep: string): void {
    let total = 0;
    for (const size of this.sizes.values()) total += size;
    for (const instant of this.cache.keys()) {
      if (total <= this.maxEvents) return;
      const size = this.sizes.get(instant);
      if (instant === keep || size === undefined) continue;
      this.forget(instant);
      total -= size;
    }
  }
}
