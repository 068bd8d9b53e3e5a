import { createCommandHandler } from '@quotient/eventsourcing';
import { dealDecider, dealStream, type OpenDeal } from '@quotient/deals-domain';
import { openSqliteEventStore } from '@quotient/infra-sqlite';
import { DEFAULT_TENANT } from '@quotient/kernel';
import { storePathOf } from '@quotient/runtime';

/**
 * Open deals for the freshness benchmark, written straight into the deals store before the
 * services start: one per command to come, spread over `reps` owners, with varied amounts so that
 * every win moves its rep's averages.
 */
export const seedOpenDeals = async (dataDir: string, count: number, reps: number): Promise<Array<{ dealId: string; amount: number }>> => {
  const store = openSqliteEventStore(storePathOf(dataDir, 'deals'));
  const open = createCommandHandler(store, dealDecider);
  const openedAt = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const deals = Array.from({ length: count }, (_, i) => ({ dealId: `fresh-${i}`, amount: 10_000 + ((i * 7919) % 90_000) }));
  await Promise.all(
    deals.map(({ dealId, amount }, i) => {
      const data: OpenDeal['data'] = {
        dealId,
        customerId: `fresh-customer-${i % 1000}`,
        ownerRepId: `fresh-rep-${i % reps}`,
        teamId: `fresh-team-${i % 5}`,
        region: 'north',
        channel: 'direct',
        segment: 'midmarket',
        amount,
        stage: 'negotiation',
        expectedCloseDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      };
      const metadata = { tenantId: DEFAULT_TENANT, actor: 'bench', correlationId: `seed-${dealId}`, occurredAt: openedAt, now: openedAt };
      return open(dealStream(dealId), { type: 'OpenDeal', data, metadata });
    }),
  );
  await store.close();
  return deals;
};
