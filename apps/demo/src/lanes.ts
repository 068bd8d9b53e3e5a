export interface LaneOptions {
  /** Most items worked on at once. */
  readonly concurrency: number;
  /** Most items taken from the source but not finished (bounds memory on huge sources). */
  readonly lookahead?: number;
}

/**
 * Works through items in their order, many at a time, except that items sharing a lane run one
 * after another in that order: an item starts only when every earlier item of each of its lanes
 * has finished. Stops taking items at the first failure and rethrows it once the rest settle.
 */
export const runInLanes = async <T>(
  items: Iterable<T>,
  lanesOf: (item: T) => readonly string[],
  work: (item: T) => Promise<void>,
  { concurrency, lookahead = 4096 }: LaneOptions,
): Promise<void> => {
  const tails = new Map<string, Promise<void>>();
  const waiting: Array<() => void> = [];
  let running = 0;
  let failure: { error: unknown } | null = null;

  const acquire = (): Promise<void> => {
    if (running < concurrency) {
      running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  const perform = async (item: T): Promise<void> => {
    if (failure) return;
    await acquire();
    try {
      if (!failure) await work(item);
    } catch (error) {
      failure ??= { error };
    } finally {
      release();
    }
  };

  // A counter and one wake-up, not Promise.race over the pending set: racing thousands of
  // long-pending promises again and again piles reactions onto each of them.
  let pending = 0;
  let wake: (() => void) | null = null;
  const settled = () => {
    pending--;
    wake?.();
    wake = null;
  };
  const room = async (limit: number): Promise<void> => {
    while (pending > limit) await new Promise<void>((resolve) => (wake = resolve));
  };

  for (const item of items) {
    if (failure) break;
    const lanes = lanesOf(item);
    const before = lanes.map((lane) => tails.get(lane)).filter((p) => p !== undefined);
    const done = before.length === 0 ? perform(item) : Promise.all(before).then(() => perform(item));
    for (const lane of lanes) tails.set(lane, done);
    pending++;
    void done.then(() => {
      for (const lane of lanes) if (tails.get(lane) === done) tails.delete(lane);
      settled();
    });
    await room(lookahead - 1);
  }
  await room(0);
  if (failure) throw (failure as { error: unknown }).error;
};
