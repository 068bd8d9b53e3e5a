import { join } from 'node:path';
import { rmSync } from 'node:fs';
import type { EventToAppend } from '@quotient/eventsourcing';
import { openSqliteEventStore } from '@quotient/infra-sqlite';
import { newId } from '@quotient/kernel';
import { note, report, tempDir } from './support/report';

/**
 * append-batch: raw write throughput of the embedded event store (WAL, synchronous=FULL). A million
 * events go in as batches — 100 appends, each to its own stream, issued together so group commit
 * makes each batch one transaction and one fsync — over 10,000 streams. Printed for batches of
 * 2,500 events (25 per append: `append-batch`) and of 1,000 (10 per append: `append-batch-1k`);
 * the difference is the fsync per transaction (~6 ms on this machine's disk).
 */
const TOTAL = 1_000_000;
const STREAMS = 10_000;
const APPENDS_PER_BATCH = 100;

const eventFor = (stream: number, revision: number, at: string): EventToAppend => ({
  id: newId(),
  type: 'deals.ActivityLogged',
  schemaVersion: 1,
  data: { dealId: `D-${stream}`, customerId: `C-${stream % 3000}`, ownerRepId: `R-${stream % 40}`, teamId: 'alpha', region: 'north', channel: 'direct', segment: 'smb', kind: 'call', revision },
  occurredAt: at,
  tenantId: 'default',
  actor: 'bench',
  correlationId: `bench-${stream}`,
  causationId: null,
});

const run = async (name: string, EVENTS_PER_APPEND: number) => {
  const dir = tempDir('append-batch');
  const store = openSqliteEventStore(join(dir, 'deals.events.db'));
  const revisions = new Array<number>(STREAMS).fill(-1);
  const batches = TOTAL / (APPENDS_PER_BATCH * EVENTS_PER_APPEND);
  let nextStream = 0;
  const started = performance.now();
  for (let b = 0; b < batches; b++) {
    const at = new Date().toISOString();
    const appends = [];
    for (let a = 0; a < APPENDS_PER_BATCH; a++) {
      const stream = nextStream++ % STREAMS;
      const events = Array.from({ length: EVENTS_PER_APPEND }, (_, i) => eventFor(stream, revisions[stream] + 1 + i, at));
      const expectedRevision = revisions[stream] < 0 ? ('no_stream' as const) : revisions[stream];
      revisions[stream] += EVENTS_PER_APPEND;
      appends.push(store.append(`deals.deal-D-${stream}`, events, { expectedRevision }));
    }
    await Promise.all(appends);
  }
  const seconds = (performance.now() - started) / 1000;
  const written = await store.lastPosition();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  if (written !== TOTAL) throw new Error(`expected ${TOTAL} events in the store, found ${written}`);
  note(`${TOTAL.toLocaleString('en-US')} events, ${batches} batches of ${APPENDS_PER_BATCH} appends × ${EVENTS_PER_APPEND} events, ${STREAMS.toLocaleString('en-US')} streams, ${seconds.toFixed(1)} s`);
  report(name, TOTAL / seconds, 'events/s');
};

const main = async () => {
  await run('append-batch', 25);
  await run('append-batch-1k', 10);
};

main().catch((error: unknown) => {
  process.stderr.write(`append-batch failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
