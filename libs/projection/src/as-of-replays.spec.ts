import { AsOfReplays } from './as-of-replays';
import type { ProjectionCore } from './projection-core';

const coreOf = (events: number) => ({ counters: { eventsApplied: events, duplicatesSkipped: 0, deadLettered: 0, changesRecorded: 0 } }) as ProjectionCore;

describe('asOf replays kept by a projection service', () => {
  it('replays each instant once and answers repeats from the cache', async () => {
    const replayed: string[] = [];
    const replays = new AsOfReplays(async (instant) => (replayed.push(instant), coreOf(10)), 100);
    const first = await replays.get('2026-01-01T00:00:00.000Z');
    expect(await replays.get('2026-01-01T00:00:00.000Z')).toBe(first);
    expect(replayed).toEqual(['2026-01-01T00:00:00.000Z']);
  });

  it('runs one replay at a time', async () => {
    let running = 0;
    let most = 0;
    const replays = new AsOfReplays(async () => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return coreOf(1);
    }, 100);
    await Promise.all(['a', 'b', 'c'].map((instant) => replays.get(instant)));
    expect(most).toBe(1);
  });

  it('drops the least recently used replays once their events exceed the budget, never the newest', async () => {
    const replays = new AsOfReplays(async (instant) => coreOf(instant === 'big' ? 500 : 40), 100);
    await replays.get('a');
    await replays.get('b');
    await replays.get('a'); // a is now the most recently used
    await replays.get('c'); // 120 events: b goes
    expect(replays.instants()).toEqual(['a', 'c']);
    await replays.get('big'); // over budget alone: kept, everything else goes
    expect(replays.instants()).toEqual(['big']);
  });

  it('brings the latest earlier replay forward when the budget could not keep both, and replays afresh otherwise', async () => {
    const replayed: string[] = [];
    const advanced: Array<[from: unknown, to: string]> = [];
    const cores = new Map<unknown, string>();
    const replay = async (instant: string) => {
      replayed.push(instant);
      const core = coreOf(60);
      cores.set(core, instant);
      return core;
    };
    const advance = async (core: ProjectionCore, instant: string) => (advanced.push([cores.get(core), instant]), coreOf(70));
    const tight = new AsOfReplays(replay, 100, advance);
    await tight.get('2026-01-31');
    await tight.get('2026-02-28'); // 60 + 60 > 100: January's replay is brought forward
    expect(advanced).toEqual([['2026-01-31', '2026-02-28']]);
    expect(tight.instants()).toEqual(['2026-02-28']);
    await tight.get('2025-12-31'); // nothing kept before it: replayed afresh
    expect(replayed).toEqual(['2026-01-31', '2025-12-31']);

    const roomy = new AsOfReplays(replay, 1_000, advance);
    await roomy.get('2026-01-31');
    await roomy.get('2026-02-28'); // both fit: January stays as it is
    expect(roomy.instants()).toEqual(['2026-01-31', '2026-02-28']);
    expect(advanced).toHaveLength(1);
  });

  it('forgets a failed replay, so the next request tries again', async () => {
    let attempts = 0;
    const replays = new AsOfReplays(async () => {
      if (++attempts === 1) throw new Error('store unavailable');
      return coreOf(1);
    }, 100);
    await expect(replays.get('a')).rejects.toThrow('store unavailable');
    await expect(replays.get('a')).resolves.toBeDefined();
    expect(attempts).toBe(2);
  });
});
