import { QuotientError } from '@quotient/kernel';

/** A second append raced us with the same Idempotency-Key; the caller re-reads the first result. */
export class DuplicateIdempotencyKey extends QuotientError {
  readonly status = 409;
  readonly code = 'duplicate-idempotency-key';
  constructor(readonly key: string) {
    super(`Idempotency-Key ${key} is already recorded`, { key });
  }
}
