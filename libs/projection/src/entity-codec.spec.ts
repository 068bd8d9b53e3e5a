import type { EntityRecord, Entry } from '@quotient/metrics';
import { decodeEntityRecord, encodeEntityRecord } from './entity-codec';

/** A record as plain data: its data and its entries (which a decoded record may build when read). */
const plain = ({ data, entries }: EntityRecord): EntityRecord => ({ data, entries });

describe('entity record codec', () => {
  const record: EntityRecord = {
    data: { status: 'won', amount: 1200.5, attribution: { teamId: 'north' } },
    entries: [
      { kind: 'sum', counter: 'wonRevenue', scope: 'team:north', at: '2026-03-02T10:00:00.000Z', delta: 1200.5 },
      { kind: 'sum', counter: 'target', scope: 'org', period: '2026-Q1', delta: 50000 },
      { kind: 'level', counter: 'openDeals', scope: 'rep:ann', day: '2026-01-05', delta: -1 },
    ],
  };

  /** A won deal's entries: each amount to a counter in several scopes, as the deals fold adds them. */
  const won = (scopes: readonly string[]): Entry[] => [
    ...scopes.map((scope): Entry => ({ kind: 'sum', counter: 'won_revenue', scope, at: '2024-08', delta: 126400 })),
    ...scopes.map((scope): Entry => ({ kind: 'sum', counter: 'won_deals', scope, at: '2024-08', delta: 1 })),
    { kind: 'level', counter: 'open_deals', scope: 'org', day: '2024-06-30', delta: 1 },
    { kind: 'level', counter: 'open_deals', scope: 'org', day: '2024-08-16', delta: -1 },
    ...scopes.map((scope): Entry => ({ kind: 'sum', counter: 'won_revenue', scope: `${scope}/x`, at: '2024-08', delta: 126400 })),
  ];
  const deal: EntityRecord = { data: { status: 'won', amount: 126400 }, entries: won(['org', 'team:foxtrot', 'rep:R7-0205', 'channel:direct', 'segment:midmarket']) };

  it('round-trips every kind of entry exactly, in order', () => {
    expect(plain(decodeEntityRecord(encodeEntityRecord(record)))).toEqual(record);
    expect(plain(decodeEntityRecord(encodeEntityRecord(deal)))).toEqual(deal);
    expect(plain(decodeEntityRecord(encodeEntityRecord({ data: null, entries: [] })))).toEqual({ data: null, entries: [] });
    // As JSON too (the MongoDB store's redo journal serialises records).
    expect(JSON.parse(JSON.stringify(decodeEntityRecord(encodeEntityRecord(deal))))).toEqual(deal);
  });

  it('stores a run of entries that differ only in scope as one group', () => {
    const stored = JSON.parse(encodeEntityRecord(deal)) as { g: unknown[][] };
    // won_revenue ×5, won_deals ×5, the two level changes (different days), won_revenue ×5 again (other scopes, a run of its own).
    expect(stored.g.map((group) => group.length - 4)).toEqual([5, 5, 1, 1, 5]);
    expect(stored.g[0]).toEqual(['won_revenue', '2024-08', 126400, 0, 'org', 'team:foxtrot', 'rep:R7-0205', 'channel:direct', 'segment:midmarket']);
  });

  it('is well under the size of an array per entry, and of the objects', () => {
    const perEntry = JSON.stringify({ data: deal.data, e: deal.entries.map((e) => [e.counter, e.scope, 'at' in e ? e.at : 'day' in e ? e.day : e.period, e.delta, e.kind === 'level' ? 2 : 0]) });
    expect(encodeEntityRecord(deal).length).toBeLessThan(perEntry.length * 0.7);
    expect(encodeEntityRecord(record).length).toBeLessThan(JSON.stringify(record).length * 0.8);
  });

  it('reads records written in the earlier encodings', () => {
    expect(decodeEntityRecord(JSON.stringify(record))).toEqual(record);
    expect(decodeEntityRecord(JSON.stringify({ data: { a: 1 } }))).toEqual({ data: { a: 1 }, entries: [] });
    const tuples = JSON.stringify({
      data: record.data,
      e: [
        ['wonRevenue', 'team:north', '2026-03-02T10:00:00.000Z', 1200.5, 0],
        ['target', 'org', '2026-Q1', 50000, 1],
        ['openDeals', 'rep:ann', '2026-01-05', -1, 2],
      ],
    });
    expect(decodeEntityRecord(tuples)).toEqual(record);
  });
});
