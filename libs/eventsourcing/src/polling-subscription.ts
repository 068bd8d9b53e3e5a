import type { EventStore } from './event-store.port';
import type { EventSubscription, SubscribeOptions, SubscriptionHandle } from './subscription.port';

/** Something that can tell us the log may have grown: returns an unsubscribe function. */
export type WakeSource = (wake: () => void) => () => void;

export interface PollingSubscriptionOptions {
  /** Longest wait between two reads when nothing woke us. */
  readonly idlePollMs?: number;
  readonly wakeSource?: WakeSource;
}

/**
 * A catch-up subscription over any EventStore: read batches until empty, signal caught-up,
 * then wait for a wake-up (or the idle poll) and read again. Batches are delivered strictly
 * one after another, in position order.
 */
export const pollingSubscription = (store: EventStore, options: PollingSubscriptionOptions = {}): EventSubscription => ({
  subscribe: (subscribe: SubscribeOptions): SubscriptionHandle => {
    const idlePollMs = options.idlePollMs ?? 50;
    const batchSize = subscribe.batchSize ?? 1000;
    let stopped = false;
    let position = subscribe.after;
    let wakeUp: (() => void) | null = null;
    let pendingWake = false;
    let resolveCaughtUp!: () => void;
    const caughtUp = new Promise<void>((resolve) => (resolveCaughtUp = resolve));

    const wake = () => {
      pendingWake = true;
      wakeUp?.();
    };
    const unsubscribeWake = options.wakeSource?.(wake) ?? (() => undefined);

    const sleep = () =>
      new Promise<void>((resolve) => {
        if (pendingWake || stopped) return resolve();
        const timer = setTimeout(done, idlePollMs);
        function done() {
          clearTimeout(timer);
          wakeUp = null;
          resolve();
        }
        wakeUp = done;
      });

    const loop = async () => {
      while (!stopped) {
        try {
          pendingWake = false;
          const events = await store.readAll({ fromPosition: position + 1, limit: batchSize });
          if (stopped) break;
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
