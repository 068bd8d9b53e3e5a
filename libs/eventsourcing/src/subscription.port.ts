import type { EventEnvelope } from '@quotient/kernel';

export interface SubscribeOptions {
  /** Deliver events with a position greater than this. */
  readonly after: number;
  readonly batchSize?: number;
  /** Called with each batch in log order; the next batch waits until it resolves. */
  readonly onBatch: (events: readonly EventEnvelope[]) => Promise<void>;
  /** Called each time the subscription has delivered everything there is (it then keeps following). */
  readonly onCaughtUp?: (position: number) => void;
  readonly onError?: (error: unknown) => void;
}

export interface SubscriptionHandle {
  stop(): Promise<void>;
  /** Resolves the first time the subscription has caught up with the log. */
  readonly caughtUp: Promise<void>;
}

/** Reads a log from a position, in order, then follows it as it grows. */
export interface EventSubscription {
  subscribe(options: SubscribeOptions): SubscriptionHandle;
}
