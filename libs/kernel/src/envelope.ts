/** A domain event as a decider produces it: a type and its data, nothing else. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

/** What travels with a command into the store: who, why, and when in business time. */
export interface CommandMetadata {
  readonly tenantId: string;
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId?: string;
  /** Business time of the fact. */
  readonly occurredAt: string;
  /** Wall-clock time the command was received. */
  readonly now: string;
}

/** Every stored event, as DESIGN.md §3 defines it. Times are ISO-8601 strings. */
export interface EventEnvelope<Type extends string = string, Data = unknown> {
  readonly id: string;
  readonly type: Type;
  readonly schemaVersion: number;
  readonly streamId: string;
  /** 0-based revision within the stream. */
  readonly revision: number;
  /** Global position within one store: increasing along the log, > 0, not necessarily consecutive. */
  readonly position: number;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly tenantId: string;
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly data: Data;
}

export const DEFAULT_TENANT = 'default';
