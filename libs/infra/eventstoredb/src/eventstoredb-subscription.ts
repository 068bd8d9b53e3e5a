import { AllStreamSubscription, EventStoreDBClient, streamNameFilter } from '@eventstore/db-client';
import type { EventSubscription, SubscribeOptions, SubscriptionHandle } from '@quotient/eventsourcing';
import type { EventEnvelope } from '@quotient/kernel';
import { lastLogEvent, scanForward } from './eventstoredb-log';
import { anchorAfter, esdbPositionOf, toEnvelope, toEnvelopePosition } from './eventstoredb-mapping';
import { belongsToLog, checkedPrefix, EventStoreDbOptions } from './eventstoredb-streams';

export interface EventStoreDbSubscriptionOptions extends EventStoreDbOptions {
  /** Pause before subscribing again after the subscription failed or onBatch threw. */
  readonly retryDelayMs?: number;
}

/**
 * The EventSubscription port on a catch-up subscription to `$all`, filtered on the server to the
 * service's stream prefix. It does not use the filter's `checkpointReached`: the reader's own
 * checkpoint is the position of the last event it handled, which is what `after` resumes from.
 */
export class EventStoreDbSubscription implements EventSubscription {
  private readonly prefix: string;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: EventStoreDbSubscriptionOptions,
  ) {
    this.prefix = checkedPrefix(options.streamPrefix);
  }

  subscribe(options: SubscribeOptions): SubscriptionHandle {
    const run = new SubscriptionRun(this.client, this.prefix, options, this.options.retryDelayMs ?? 500);
    return { caughtUp: run.caughtUp, stop: () => run.stop() };
  }
}

class SubscriptionRun {
  readonly caughtUp: Promise<void>;
  private resolveCaughtUp!: () => void;
  private stopped = false;
  /** Envelope position of the last delivered event (or `after`): where a resubscription resumes. */
  private position: number;
  /** The log's last position when (re)subscribing: reaching it is the first catch-up. */
  private target = Number.POSITIVE_INFINITY;
  private caughtUpOnce = false;
  /** False between the server's "fell behind" and "caught up" signals. */
  private live = true;
  private current: AllStreamSubscription | null = null;
  private wake: (() => void) | null = null;
  private readonly running: Promise<void>;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly prefix: string,
    private readonly options: SubscribeOptions,
    private readonly retryDelayMs: number,
  ) {
    this.position = options.after;
    this.caughtUp = new Promise((resolve) => (this.resolveCaughtUp = resolve));
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    const current = this.current;
    if (current) {
      await current.unsubscribe();
      // Cancelling the call does not end the Readable: destroy it so `for await` returns.
      current.destroy();
    }
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.follow();
        if (!this.stopped) throw new Error('EventStoreDB ended the subscription');
      } catch (error) {
        if (this.stopped) break;
        this.options.onError?.(error);
        await new Promise<void>((resolve) => {
          // unref: a pending retry alone never keeps the process alive.
          const timer = setTimeout(resolve, this.retryDelayMs).unref();
          this.wake = () => (clearTimeout(timer), resolve());
        });
      }
    }
  }

  /** One server subscription from the last delivered position, until it fails or is stopped. */
  private async follow(): Promise<void> {
    const anchor = anchorAfter(this.position);
    // The server would wait silently on an offset that is no event: check it names one first.
    if (anchor.kind === 'event') await scanForward(this.client, { ...anchor, inclusive: true }, this.position, 1).next();
    const last = await lastLogEvent(this.client, this.prefix);
    this.target = last ? toEnvelopePosition(last.position) : 0;
    const batchSize = this.options.batchSize ?? 1000;
    const subscription = this.client.subscribeToAll(
      { fromPosition: anchor.kind === 'start' ? 'start' : esdbPositionOf(anchor.offset), filter: streamNameFilter({ prefixes: [this.prefix] }) },
      { highWaterMark: Math.min(batchSize, 1000) },
    );
    this.current = subscription;
    subscription.on('fellBehind', () => (this.live = false)).on('caughtUp', () => (this.live = true));
    try {
      // stop() may have run while we were subscribing, before it could see this subscription.
      if (!this.stopped) await this.consume(subscription, batchSize);
    } finally {
      // Whatever ended it (stop, a failed batch, a dropped call), the server side is released.
      this.current = null;
      await subscription.unsubscribe().catch(() => undefined);
      subscription.destroy();
    }
  }

  private async consume(subscription: AllStreamSubscription, batchSize: number): Promise<void> {
    this.checkCaughtUp(subscription);
    let batch: EventEnvelope[] = [];
    for await (const resolved of subscription) {
      if (this.stopped) return;
      const event = resolved.event;
      // The position check drops what a resubscription may deliver twice.
      if (event && belongsToLog(this.prefix, event.streamId, event.type) && toEnvelopePosition(event.position) > this.position) {
        batch.push(toEnvelope(event));
      }
      // A batch closes when full or when nothing more is buffered; the next is read only after
      // onBatch resolved (the Readable holds the server back meanwhile).
      if (batch.length >= batchSize || (batch.length > 0 && subscription.readableLength === 0)) {
        const delivering = batch;
        batch = [];
        await this.options.onBatch(delivering);
        this.position = delivering[delivering.length - 1].position;
        if (this.stopped) return;
        this.checkCaughtUp(subscription);
      }
    }
  }

  /*
   * Caught up, the first time: everything up to the log's last event as of (re)subscribing has
   * been delivered — decided by comparing positions, so it does not depend on the server's
   * caught-up signal (older servers do not send it; newer ones send it before the buffered events
   * are handled). Later: whenever a delivered batch empties the buffer while the server follows live.
   */
  private checkCaughtUp(subscription: AllStreamSubscription): void {
    if (!this.caughtUpOnce) {
      if (this.position < this.target) return;
      this.caughtUpOnce = true;
      this.options.onCaughtUp?.(this.position);
      this.resolveCaughtUp();
      return;
    }
    if (this.live && subscription.readableLength === 0) this.options.onCaughtUp?.(this.position);
  }
}
