import type { EventEnvelope } from '@quotient/kernel';
import type { EventStore } from './event-store.port';
import { pollingSubscription, WAKE_RETRY_MS } from './polling-subscription';

const anEvent = (position: number): EventEnvelope => ({
  id: `e-${position}`,
  type: 'test.Happened',
  schemaVersion: 1,
  streamId: 'test-1',
  revision: position - 1,
  position,
  occurredAt: '2026-01-01T00:00:00.000Z',
  recordedAt: '2026-01-01T00:00:00.000Z',
  tenantId: 'default',
  actor: 'test',
  correlationId: 'c',
  causationId: null,
  data: {},
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A log whose events become visible when the test says, and which counts its reads. */
const aLog = () => {
  const log = { visible: [] as EventEnvelope[], reads: 0 };
  const store = {
    readAll: async ({ fromPosition }: { fromPosition: number }) => {
      log.reads++;
      return log.visible.filter((event) => event.position >= fromPosition);
    },
  } as unknown as EventStore;
  return { log, store };
};

/** A subscription from the start woken by the test (`wake`), with the positions it delivered (`seen`). */
const followWoken = (store: EventStore, options: { idlePollMs: number; wakeRetryMs?: readonly number[] }) => {
  let wake!: () => void;
  const seen: number[] = [];
  const handle = pollingSubscription(store, { ...options, wakeSource: (w) => ((wake = w), () => undefined) }).subscribe({
    after: 0,
    onBatch: async (batch) => void seen.push(...batch.map((event) => event.position)),
  });
  return { handle, seen, wake: () => wake() };
};

/** Waits (2 s at most) until `done` says so. */
const until = async (done: () => boolean, everyMs = 2) => {
  for (const deadline = Date.now() + 2_000; !done() && Date.now() < deadline; ) await sleep(everyMs);
};

describe('polling subscription', () => {
  // The idle poll is a minute here: whatever arrives within the test came through a wake-up.
  const IDLE = 60_000;

  it('reads again shortly after a wake-up that found nothing: the commit it announced becomes visible a little later', async () => {
    const { log, store } = aLog();
    const { handle, seen, wake } = followWoken(store, { idlePollMs: IDLE });
    await handle.caughtUp;
    wake(); // a file watch saw the WAL written…
    await sleep(0);
    setTimeout(() => (log.visible = [anEvent(1)]), 4); // …and the commit is published after it, with no wake of its own
    await until(() => seen.length > 0);
    await handle.stop();
    expect(seen).toEqual([1]);
  });

  it('counts its retries from the latest wake-up: a burst of them does not use up the short waits', async () => {
    const { log, store } = aLog();
    // One short wait, then ones that outlast the test: only a retry counted from the latest wake-up delivers.
    const { handle, seen, wake } = followWoken(store, { idlePollMs: IDLE, wakeRetryMs: [5, IDLE, IDLE] });
    await handle.caughtUp;
    // The WAL written in several writes, each a wake-up, each read finding nothing yet…
    for (let i = 0; i < 3; i++) {
      const reads = log.reads;
      wake();
      await until(() => log.reads !== reads, 1);
    }
    log.visible = [anEvent(1)]; // …then the commit is published, with no wake-up of its own
    await until(() => seen.length > 0);
    await handle.stop();
    expect(seen).toEqual([1]);
  });

  it('goes back to waiting after its few retries when a wake-up really announced nothing', async () => {
    const { log, store } = aLog();
    const { handle, wake } = followWoken(store, { idlePollMs: IDLE });
    await handle.caughtUp;
    const before = log.reads;
    // the read the wake-up asked for, then one per retry (~80 ms in all; given time on a busy machine)…
    const expected = before + 1 + WAKE_RETRY_MS.length;
    wake();
    for (const deadline = Date.now() + 3_000; log.reads < expected && Date.now() < deadline; ) await sleep(5);
    const afterRetries = log.reads;
    // …then nothing until the idle poll
    await sleep(300);
    await handle.stop();
    expect(afterRetries).toBe(expected);
    expect(log.reads).toBe(expected);
  });

  it('does not retry an ordinary idle poll that found nothing', async () => {
    const { log, store } = aLog();
    const handle = pollingSubscription(store, { idlePollMs: 20 }).subscribe({ after: 0, onBatch: async () => undefined });
    await handle.caughtUp;
    const before = log.reads;
    await sleep(210);
    await handle.stop();
    // ~10 polls in 210 ms, not ~10 × (1 + retries)
    expect(log.reads - before).toBeLessThanOrEqual(11);
    expect(log.reads - before).toBeGreaterThanOrEqual(3);
  });
});
