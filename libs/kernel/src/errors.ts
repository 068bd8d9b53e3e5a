/**
 * One typed error per rule. `status` is the HTTP status the public contract maps it to;
 * the mapping to problem+json happens once, in @quotient/http.
 */
export abstract class QuotientError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  constructor(message: string, readonly details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
  }
}

/** A business rule was violated: 409. */
export class DomainRuleViolation extends QuotientError {
  readonly status = 409;
  constructor(readonly code: string, message: string, details: Record<string, unknown> = {}) {
    super(message, details);
  }
}

/** The aggregate does not exist: 404. */
export class AggregateNotFound extends QuotientError {
  readonly status = 404;
  readonly code = 'not-found';
  constructor(readonly kind: string, readonly id: string) {
    super(`${kind} ${id} does not exist`, { kind, id });
  }
}

export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

/** Input failed validation: 400, naming every invalid field. */
export class InvalidInput extends QuotientError {
  readonly status = 400;
  readonly code = 'invalid-input';
  constructor(readonly issues: readonly FieldIssue[], message = 'The request is invalid') {
    super(message, { issues });
  }
}

/** The stream moved on while we decided: 409 after bounded retries. */
export class ConcurrencyConflict extends QuotientError {
  readonly status = 409;
  readonly code = 'concurrency-conflict';
  constructor(readonly streamId: string, readonly expected: number, readonly actual: number) {
    super(`Stream ${streamId} is at revision ${actual}, expected ${expected}`, { streamId, expected, actual });
  }
}

/** An Idempotency-Key was reused for a different request: 422. */
export class IdempotencyKeyReused extends QuotientError {
  readonly status = 422;
  readonly code = 'idempotency-key-reused';
  constructor(readonly key: string) {
    super(`Idempotency-Key ${key} was already used for a different request`, { key });
  }
}
