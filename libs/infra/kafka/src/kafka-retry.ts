import { describeFailure, KafkaLogger } from './kafka-logging';

/** Exponential backoff between our own attempts (kafkajs retries inside each attempt first). */
export interface Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 1000, maxMs: 15_000 };

export const backoffDelay = (backoff: Backoff, attempt: number): number => Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.max(0, attempt - 1));

/** Thrown out of a retry loop when its owner stops it. */
export class Stopped extends Error {
  constructor() {
    super('stopped');
  }
}

/** A stop flag with sleeps (and wake-ups) that a stop cuts short. */
export class Stopper {
  private stoppedFlag = false;
  private readonly sleepers = new Set<() => void>();
  private pendingWake = false;

  get stopped(): boolean {
    return this.stoppedFlag;
  }

  stop(): void {
    this.stoppedFlag = true;
    this.wake();
  }

  /** Ends the current (or the next) sleep early. */
  wake(): void {
    this.pendingWake = this.sleepers.size === 0;
    for (const sleeper of [...this.sleepers]) sleeper();
  }

  sleep(ms: number): Promise<void> {
    if (this.stoppedFlag || this.pendingWake) {
      this.pendingWake = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }
}

export interface RetryContext {
  /** Who is retrying, for the log line ("event relay"). */
  readonly what: string;
  readonly stopper: Stopper;
  readonly backoff: Backoff;
  readonly brokers: readonly string[];
  readonly logger: KafkaLogger;
  /** Fields added to each log line (which component, which topic). */
  readonly fields: Record<string, unknown>;
  readonly onFailure?: (error: unknown) => void;
}

/**
 * Runs `attempt` until it succeeds, logging ONE plain line per failure and backing off; never
 * gives up, never skips. Throws `Stopped` once the owner stops.
 */
export const retryUntilDone = async <T>(attempt: () => Promise<T>, context: RetryContext): Promise<T> => {
  for (let n = 1; ; n++) {
    if (context.stopper.stopped) throw new Stopped();
    try {
      const result = await attempt();
      if (n > 1) context.logger.info({ ...context.fields, attempts: n }, `${context.what}: working again after ${n} attempts`);
      return result;
    } catch (error) {
      if (context.stopper.stopped) throw new Stopped();
      context.onFailure?.(error);
      const delay = backoffDelay(context.backoff, n);
      context.logger.warn({ ...context.fields, attempt: n }, describeFailure(context.what, error, context.brokers, delay));
      await context.stopper.sleep(delay);
    }
  }
};

export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
