import { ANY, NO_STREAM, RecordedEvent, WrongExpectedVersionError } from '@eventstore/db-client';
import { anEvent } from '@quotient/eventsourcing/testing';
import { ConcurrencyConflict, InvalidInput } from '@quotient/kernel';
import fc from 'fast-check';
import {
  anchorAfter,
  anchorAtOrAfter,
  toEnvelope,
  toEnvelopePosition,
  toEventData,
  toExpectedRevision,
  toStoreError,
} from './eventstoredb-mapping';
import { belongsToLog, checkedPrefix, checkpointStream, idempotencyStream } from './eventstoredb-streams';

const at = (offset: bigint) => ({ commit: offset, prepare: offset });

const recorded = (overrides: Partial<RecordedEvent> & { metadata?: unknown; data?: unknown }): RecordedEvent =>
  ({
    streamId: 'deals.deal-1',
    id: '0190a000-0000-7000-8000-000000000001',
    isJson: true,
    revision: 4n,
    type: 'deals.DealWon',
    created: new Date('2026-02-01T08:00:00.123Z'),
    data: { amount: 5 },
    metadata: {},
    position: at(4096n),
    ...overrides,
  }) as RecordedEvent;

describe('position mapping', () => {
  it('is twice the event log offset, and refuses offsets it cannot represent', () => {
    expect(toEnvelopePosition(at(4096n))).toBe(8192);
    expect(() => toEnvelopePosition(undefined)).toThrow(/no usable \$all position/);
    expect(() => toEnvelopePosition(at(0n))).toThrow(/no usable/);
    expect(() => toEnvelopePosition(at(2n ** 64n - 1n))).toThrow(/no usable/);
    expect(toEnvelopePosition(at(2n ** 52n - 1n))).toBe(Number.MAX_SAFE_INTEGER - 1);
  });

  it('reads from an even position inclusively and from the odd one after it exclusively', () => {
    expect(anchorAtOrAfter(0)).toEqual({ kind: 'start' });
    expect(anchorAtOrAfter(1)).toEqual({ kind: 'start' });
    expect(anchorAtOrAfter(8192)).toEqual({ kind: 'event', offset: 4096n, inclusive: true });
    expect(anchorAtOrAfter(8193)).toEqual({ kind: 'event', offset: 4096n, inclusive: false });
  });

  it('subscribes after a position, odd or even, exclusively', () => {
    expect(anchorAfter(0)).toEqual({ kind: 'start' });
    expect(anchorAfter(1)).toEqual({ kind: 'start' });
    expect(anchorAfter(8192)).toEqual({ kind: 'event', offset: 4096n, inclusive: false });
    expect(anchorAfter(8193)).toEqual({ kind: 'event', offset: 4096n, inclusive: false });
  });

  it('keeps `lastPosition() + 1` just after the last event, for any offset', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 2n ** 52n - 1n }), (offset) => {
        const position = toEnvelopePosition(at(offset));
        expect(anchorAtOrAfter(position)).toEqual({ kind: 'event', offset, inclusive: true });
        expect(anchorAtOrAfter(position + 1)).toEqual({ kind: 'event', offset, inclusive: false });
        expect(anchorAfter(position)).toEqual({ kind: 'event', offset, inclusive: false });
      }),
    );
  });

  it('refuses positions that are no integers', () => {
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 60]) expect(() => anchorAtOrAfter(bad)).toThrow(InvalidInput);
    expect(() => anchorAfter(-2)).toThrow(InvalidInput);
  });
});

describe('envelope ↔ ESDB event', () => {
  it('carries the envelope fields ESDB lacks in the metadata, with its $correlationId/$causationId', () => {
    const event = anEvent({ causationId: 'cause-1', actor: 'alice', tenantId: 't1', schemaVersion: 2 });
    const data = toEventData(event);
    expect(data).toMatchObject({ id: event.id, type: event.type, contentType: 'application/json', data: event.data });
    expect(data.metadata).toEqual({
      occurredAt: event.occurredAt,
      tenantId: 't1',
      actor: 'alice',
      schemaVersion: 2,
      $correlationId: event.correlationId,
      $causationId: 'cause-1',
    });
    expect(toEventData(anEvent({ causationId: null })).metadata).not.toHaveProperty('$causationId');
  });

  it('round-trips every envelope field', () => {
    const event = anEvent({ causationId: 'cause-1', actor: 'alice', tenantId: 't1', schemaVersion: 2 });
    const written = toEventData(event);
    const envelope = toEnvelope(recorded({ id: event.id, type: event.type, data: written.data, metadata: written.metadata, streamId: 'test.x-1', revision: 0n }));
    expect(envelope).toEqual({
      id: event.id,
      type: event.type,
      schemaVersion: 2,
      streamId: 'test.x-1',
      revision: 0,
      position: 8192,
      occurredAt: event.occurredAt,
      recordedAt: '2026-02-01T08:00:00.123Z',
      tenantId: 't1',
      actor: 'alice',
      correlationId: event.correlationId,
      causationId: 'cause-1',
      data: event.data,
    });
  });

  it('reads events written by other tools leniently', () => {
    const envelope = toEnvelope(recorded({ metadata: undefined }));
    expect(envelope).toMatchObject({ schemaVersion: 1, tenantId: 'default', actor: 'unknown', causationId: null, occurredAt: envelope.recordedAt });
    expect(envelope.correlationId).toBe(envelope.id);
    const binary = toEnvelope(recorded({ isJson: false, data: new Uint8Array([1, 2, 3]) } as Partial<RecordedEvent>));
    expect(binary.data).toBe('AQID');
  });
});

describe('expected revisions and errors', () => {
  it('maps the port’s expected revision to ESDB’s', () => {
    expect(toExpectedRevision('no_stream')).toBe(NO_STREAM);
    expect(toExpectedRevision('any')).toBe(ANY);
    expect(toExpectedRevision(0)).toBe(0n);
    expect(toExpectedRevision(41)).toBe(41n);
    expect(() => toExpectedRevision(-1)).toThrow(InvalidInput);
  });

  it('turns a wrong expected version into a ConcurrencyConflict and leaves other errors alone', () => {
    const stale = toStoreError('deals.deal-1', new WrongExpectedVersionError(undefined, { streamName: 'deals.deal-1', expected: 0n, current: 2n }));
    expect(stale).toBeInstanceOf(ConcurrencyConflict);
    expect(stale).toMatchObject({ streamId: 'deals.deal-1', expected: 0, actual: 2 });
    const missing = toStoreError('s', new WrongExpectedVersionError(undefined, { streamName: 's', expected: 3n, current: NO_STREAM }));
    expect(missing).toMatchObject({ expected: 3, actual: -1 });
    const exists = toStoreError('s', new WrongExpectedVersionError(undefined, { streamName: 's', expected: NO_STREAM, current: 0n }));
    expect(exists).toMatchObject({ expected: -1, actual: 0 });
    const other = new Error('boom');
    expect(toStoreError('s', other)).toBe(other);
  });
});

describe('stream names', () => {
  it('keeps bookkeeping streams outside the service prefix', () => {
    expect(idempotencyStream('deals.', 'key-1')).toMatch(/^meta-deals\.idempotency-[0-9a-f]{64}$/);
    expect(checkpointStream('deals.', 'relay')).toBe('meta-deals.checkpoint-relay');
    expect(belongsToLog('deals.', checkpointStream('deals.', 'relay'), 'quotient.CheckpointSaved')).toBe(false);
    expect(belongsToLog('deals.', 'deals.deal-1', 'deals.DealWon')).toBe(true);
    expect(belongsToLog('deals.', 'deals.deal-1', '$metadata')).toBe(false);
  });

  it('refuses a prefix that would read system streams or everything', () => {
    expect(() => checkedPrefix('')).toThrow(/prefix/);
    expect(() => checkedPrefix('$ce-')).toThrow(/prefix/);
    expect(checkedPrefix('deals.')).toBe('deals.');
  });
});
