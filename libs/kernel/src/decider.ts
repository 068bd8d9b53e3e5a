import type { CommandMetadata, DomainEvent } from './envelope';

/** A command as the domain sees it: type, data and metadata (time and ids come in with it). */
export interface Command<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}

/**
 * The pure heart of an aggregate. `decide` throws a DomainError on a rule violation;
 * it never reads a clock or makes an id — those arrive in the command.
 */
export interface Decider<C extends Command, S, E extends DomainEvent> {
  readonly decide: (command: C, state: S) => readonly E[];
  readonly evolve: (state: S, event: StoredDomainEvent<E>) => S;
  readonly initialState: () => S;
}

/** What `evolve` receives: the event plus the envelope fields a fold may need. */
export type StoredDomainEvent<E extends DomainEvent> = E & {
  readonly occurredAt: string;
  readonly revision: number;
};

export const unreachable = (value: never): never => {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
};
