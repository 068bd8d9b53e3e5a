import { newId } from '@quotient/kernel';
import type { EventToAppend } from '../event-store.port';

let counter = 0;

/** A plain event to append in contract suites. */
export const anEvent = (overrides: Partial<EventToAppend> = {}): EventToAppend => ({
  id: newId(),
  type: 'test.SomethingHappened',
  schemaVersion: 1,
  data: { n: ++counter, text: '销售 ✓' },
  occurredAt: '2026-01-15T10:00:00.000Z',
  tenantId: 'default',
  actor: 'tester',
  correlationId: newId(),
  causationId: null,
  ...overrides,
});

export const events = (count: number, overrides: Partial<EventToAppend> = {}): EventToAppend[] =>
  Array.from({ length: count }, () => anEvent(overrides));

export const uniqueStream = (prefix = 'test.thing'): string => `${prefix}-${newId()}`;
