import type { EntityRecord } from '@quotient/metrics';
import { decodeEntityRecord, encodeEntityRecord } from './entity-codec';

describe('entity record codec', () => {
  const record: EntityRecord = {
    data: { status: 'won', amount: 1200.5, attribution: { teamId: 'north' } },
    entries: [
      { kind: 'sum', counter: 'wonRevenue', scope: 'team:north', at: '2026-03-02T10:00:00.000Z', delta: 1200.5 },
      { kind: 'sum', counter: 'target', scope: 'org', period: '2026-Q1', delta: 50000 },
      { kind: 'level', counter: 'openDeals', scope: 'rep:ann', day: '2026-01-05', delta: -1 },
    ],
  };

  it('round-trips every kind of entry exactly', () => {
    expect(decodeEntityRecord(encodeEntityRecord(record))).toEqual(record);
  });

  it('stores entries as arrays, well under the size of the objects', () => {
    expect(encodeEntityRecord(record).length).toBeLessThan(JSON.stringify(record).length * 0.8);
  });

  it('reads records written before the compact encoding', () => {
    expect(decodeEntityRecord(JSON.stringify(record))).toEqual(record);
    expect(decodeEntityRecord(JSON.stringify({ data: { a: 1 } }))).toEqual({ data: { a: 1 }, entries: [] });
  });
});
