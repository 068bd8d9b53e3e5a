import type { ProjectionCore } from './projection-core';

/**
 * The `asOf` replays a projection service keeps: one per instant asked for, replayed one at a
 * time and kept while the events they hold stay within a budget (a replay of a million events
 * is ~0.9 GB of heap; eight of them, as a count-only cache allowed, do not fit in one process).
 * Least recently used replays go first; the newest is always kept.
 */
export class AsOfReplays {
  private readonly cache = new Map<string, Promise<ProjectionCore>>();
  private readonly sizes = new Map<string, number>();
  /** The replay running now: the next waits for it, so only one state is being built at a time. */
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly replay: (instant: string) => Promise<ProjectionCore>,
    /** Most events the kept replays may hold together. */
    private readonly maxEvents: number,
  ) {}

  get(instant: string): Promise<ProjectionCore> {
    const cached = this.cache.get(instant);
    if (cached) {
      // Most recently used last.
      this.cache.delete(instant);
      this.cache.set(instant, cached);
      return cached;
    }
    const replay = this.running.then(() => this.replay(instant));
    this.running = replay.catch(() => undefined);
    this.cache.set(instant, replay);
    replay.then(
      (core) => {
        if (this.cache.get(instant) !== replay) return;
        this.sizes.set(instant, core.counters.eventsApplied + core.counters.duplicatesSkipped);
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

  private evict(keep: string): void {
    let total = 0;
    for (const size of this.sizes.values()) total += size;
    for (const instant of this.cache.keys()) {
      if (total <= this.maxEvents) return;
      const size = this.sizes.get(instant);
      if (instant === keep || size === undefined) continue;
      this.cache.delete(instant);
      this.sizes.delete(instant);
      total -= size;
    }
  }
}
