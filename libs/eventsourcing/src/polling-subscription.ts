import type { EventStore } from './event-store.port';
import type { EventSubscription, SubscribeOptions, SubscriptionHandle } from './subscription.port';

/** Something that can tell us the log may have grown: returns an unsubscribe function. */
export type WakeSource = (wake: () => void) => () => void;

export interface PollingSubscriptionOptions {
  /** Longest wait between two reads when nothing woke us. */
  readonly idlePollMs?: number;
  readonly wakeSource?: WakeSource;
  /** Waits before reading again when a wake-up found nothing new (default WAKE_RETRY_MS). */
  readonly wakeRetryMs?: readonly number[];
}

/**
 * A wake-up can come before the commit it announces is visible: a SQLite file's WAL is written
 * (which wakes a reader watching the file), then synced, and only then is the commit published in
 * the WAL index, which no file watch sees. A read right after that wake finds nothing, and the
 * event waited for the idle poll (~100 ms after every command that followed a quiet spell). So a
 * wake-up that found nothing is followed by reads at these intervals, ~80 ms in all, before the
 * subscription goes back to waiting. They count from the latest wake-up: one commit's WAL is
 * written in a burst of writes, each a wake-up, and the commit is published a few milliseconds
 * after the last of them (counted from the first, the burst used up the short intervals and the
 * commit waited for the 20 or 40 ms one: a lone command's MetricChanged came 44 ms after its
 * answer instead of ~10).
 */
export const WAKE_RETRY_MS: readonly number[] = [1, 3, 6, 10, 20, 40];

/**
 * A catch-up subscription over any EventStore: read batches until empty, signal caught-up,
 * then wait for a wake-up (or the idle poll) and read again. Batches are delivered strictly
 * one after another, in position order.
 */
export const pollingSubscription = (store: EventStore, options: PollingSubscriptionOptions = {}): EventSubscription => ({
  subscribe: (subscribe: SubscribeOptions): SubscriptionHandle => {
    const idlePollMs = options.idlePollMs ?? 50;
    const wakeRetryMs = options.wakeRetryMs ?? WAKE_RETRY_MS;
    /** Reads since the latest wake-up, none of which found anything (indexes wakeRetryMs). */
    let retries = 0;
    const batchSize = subscribe.batchSize ?? 1000;
    let stopped = false;
    let position = subscribe.after;
    let wakeUp: (() => void) | null = null;
    let pendingWake = false;
    let resolveCaughtUp!: () => void;
    const caughtUp = new Promise<void>((resolve) => (resolveCaughtUp = resolve));

    const wake = () => {
      pendingWake = true;
      retries = 0;
      wakeUp?.();
    };
    const unsubscribeWake = options.wakeSource?.(wake) ?? (() => undefined);

    /** Waits `ms`, or less if a wake-up or a stop comes first. */
    const pause = (ms: number) =>
      new Promise<void>((resolve) => {
        if (pendingWake || stopped) return resolve();
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          wakeUp = null;
          resolve();
        }
        wakeUp = done;
      });
    const sleep = () => pause(idlePollMs);

    const loop = async () => {
      while (!stopped) {
        try {
          const woken = pendingWake || retries > 0;
          pendingWake = false;
          const events = await store.readAll({ fromPosition: position + 1, limit: batchSize });
          if (stopped) break;
          if (events.length === 0 && woken && retries < wakeRetryMs.length) {
            await pause(wakeRetryMs[retries++]);
            continue;
          }
          retries = 0;
          if (events.length > 0) {
            await subscribe.onBatch(events);
            position = events[events.length - 1].position;
            if (events.length === batchSize) {
              // A store that answers at once (SQLite) would make a catch-up one unbroken chain of
              // promises: let timers, I/O and the rest of the process run between batches.
              await new Promise((resolve) => setImmediate(resolve));
              continue;
            }
          }
          subscribe.onCaughtUp?.(position);
          resolveCaughtUp();
          await sleep();
        } catch (error) {
          if (stopped) break;
          subscribe.onError?.(error);
          await new Promise((resolve) => setTimeout(resolve, Math.max(idlePollMs, 250)));
        }
      }
    };
    const running = loop();

    return {
      caughtUp,
      stop: async () => {
        stopped = true;
        unsubscribeWake();
        wakeUp?.();
        await running;
      },
    };
  },
});
