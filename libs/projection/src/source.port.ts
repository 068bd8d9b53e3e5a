import type { EventEnvelope } from '@quotient/kernel';
import type { EventSubscription } from '@quotient/eventsourcing';

/** One log the projection reads: a command service's store (embedded) or its Kafka topic. */
export interface ProjectionSource {
  readonly name: string;
  readonly subscription: EventSubscription;
  /** Position of the newest event in the source, for lag. */
  lastPosition(): Promise<number>;
  /** Reads the source as known at an instant, for `asOf` replays. */
  readAll(fromPosition: number, limit: number, recordedUpTo?: string): Promise<EventEnvelope[]>;
  close(): Promise<void>;
}
