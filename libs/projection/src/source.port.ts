import type { EventEnvelope } from '@quotient/kernel';
import type { EventSubscription } from '@quotient/eventsourcing';

/** One log the projection reads: a command service's store (embedded) or its Kafka topic. */
export interface ProjectionSource {
  readonly name: string;
  readonly subscription: EventSubscription;
  /**
   * True when a subscription resumes exactly from the `after` it is given (the read model's
   * checkpoint), as store-backed sources do. Then a catch-up may fold many batches before it
   * commits: after a crash the source simply delivers them again. A Kafka source resumes from
   * the offsets it committed once a batch was accepted, so its batches must be durable at once.
   */
  readonly resumesFromCheckpoint?: boolean;
  /** Position of the newest event in the source, for lag. */
  lastPosition(): Promise<number>;
  /** Reads the source as known at an instant, for `asOf` replays. */
  readAll(fromPosition: number, limit: number, recordedUpTo?: string): Promise<EventEnvelope[]>;
  close(): Promise<void>;
}
