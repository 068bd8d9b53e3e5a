import { DomainRuleViolation } from './errors';

/** Business time cannot run backwards past an aggregate's creation (DESIGN.md §4). */
export class OccurredBeforeCreation extends DomainRuleViolation {
  constructor(kind: string, id: string, createdAt: string, occurredAt: string) {
    super('occurred-before-creation', `${kind} ${id} was created at ${createdAt}; occurredAt ${occurredAt} is earlier`, { kind, id, createdAt, occurredAt });
  }
}

export const ensureNotBeforeCreation = (kind: string, id: string, createdAt: string, occurredAt: string): void => {
  if (Date.parse(occurredAt) < Date.parse(createdAt)) throw new OccurredBeforeCreation(kind, id, createdAt, occurredAt);
};

/** An aggregate with this id already exists with other facts: a create cannot overwrite it. */
export class AlreadyExists extends DomainRuleViolation {
  constructor(kind: string, id: string) {
    super('already-exists', `${kind} ${id} already exists with different data`, { kind, id });
  }
}

/** Shallow equality of plain records: decides whether a repeated create is the same request. */
export const sameFacts = (a: Record<string, unknown>, b: Record<string, unknown>): boolean => {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if ((a[key] ?? null) !== (b[key] ?? null)) return false;
  return true;
};
