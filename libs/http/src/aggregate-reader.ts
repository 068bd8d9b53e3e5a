import { Inject, Injectable } from '@nestjs/common';
import { CURRENT_SCHEMA_VERSION, readEvent } from '@quotient/contracts';
import type { EventStore } from '@quotient/eventsourcing';
import { AggregateNotFound, Decider, DomainEvent, StoredDomainEvent } from '@quotient/kernel';
import { EVENT_STORE } from './tokens';

/** Folds a stream into the current state of its aggregate for GET endpoints. */
@Injectable()
export class AggregateReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load<S, E extends DomainEvent>(decider: Decider<never, S, E>, streamId: string, kind: string, id: string) {
    const events = await this.store.readStream(streamId);
    if (events.length === 0) throw new AggregateNotFound(kind, id);
    let state = decider.initialState();
    for (const envelope of events) {
      const event = envelope.schemaVersion === CURRENT_SCHEMA_VERSION ? { type: envelope.type, data: envelope.data } : readEvent(envelope.type, envelope.schemaVersion, envelope.data);
      state = decider.evolve(state, { ...event, occurredAt: envelope.occurredAt, revision: envelope.revision } as StoredDomainEvent<E>);
    }
    const last = events[events.length - 1];
    return { state, revision: last.revision, updatedAt: last.occurredAt };
  }
}
