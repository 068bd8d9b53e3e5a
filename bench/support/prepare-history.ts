import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTEXTS } from '@quotient/contracts';
import { openSqliteEventStore } from '@quotient/infra-sqlite';
import { storePathOf } from '@quotient/runtime';
import { historyOf } from '../../apps/demo/src/history';
import { writeHistoryDirect } from './direct-writer';
import type { BENCH_HISTORY, HistoryManifest } from './history-cache';

/** Child process of `ensureHistory`: writes a history into a temporary dir, then renames it into place. */
const prepare = async (history: typeof BENCH_HISTORY, dir: string): Promise<void> => {
  const temporary = `${dir}.partial-${process.pid}`;
  rmSync(temporary, { recursive: true, force: true });
  const result = await writeHistoryDirect(historyOf(history), temporary, (n) => process.stderr.write(`  … ${n.toLocaleString('en-US')} actions written\n`));
  let first = '';
  let last = '';
  for (const context of CONTEXTS) {
    const store = openSqliteEventStore(storePathOf(temporary, context));
    const [head] = await store.readAll({ fromPosition: 1, limit: 1 });
    const [tail] = await store.readAll({ fromPosition: await store.lastPosition(), limit: 1 });
    if (head && (first === '' || head.recordedAt < first)) first = head.recordedAt;
    if (tail && tail.recordedAt > last) last = tail.recordedAt;
    store.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    await store.close();
  }
  const totalEvents = Object.values(result.events).reduce((a, b) => a + b, 0);
  const manifest: HistoryManifest = { ...history, actions: result.actions, events: result.events, totalEvents, firstRecordedAt: first, lastRecordedAt: last, seconds: Math.round(result.seconds) };
  writeFileSync(join(temporary, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  renameSync(temporary, dir);
  process.stderr.write(`  ${totalEvents.toLocaleString('en-US')} events from ${result.actions.toLocaleString('en-US')} actions in ${result.seconds.toFixed(0)} s\n`);
};

const [historyJson, dir] = process.argv.slice(2);
prepare(JSON.parse(historyJson), dir).catch((error: unknown) => {
  process.stderr.write(`preparing the benchmark history failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
