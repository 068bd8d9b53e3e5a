import 'reflect-metadata';
import { rmSync } from 'node:fs';
import { startCommandService } from '@quotient/runtime';
import { dealsService } from '@quotient/deals-api';
import { note, percentile, report, tempDir } from './support/report';

/**
 * append-command: the deals service in-process over its real HTTP API (Nest + Fastify, SQLite with
 * synchronous=FULL and group commit). 16 clients each send single-event commands — activities, each
 * client on its own deals — back to back for 10 s. Clients share the process with the service.
 */
const CLIENTS = 16;
const DEALS_PER_CLIENT = 50;
const SECONDS = 10;
const KINDS = ['call', 'email', 'meeting', 'demo', 'visit'];

const post = async (url: string, body: unknown): Promise<void> => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${text}`);
};

const main = async () => {
  const dataDir = tempDir('append-command');
  const service = await startCommandService(dealsService, { ...process.env, DATA_DIR: dataDir, DEALS_PORT: '0', LOG_LEVEL: 'silent' }).catch((error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  try {
    const dealIds = Array.from({ length: CLIENTS * DEALS_PER_CLIENT }, (_, i) => `bench-deal-${i}`);
    for (let i = 0; i < dealIds.length; i += CLIENTS) {
      await Promise.all(
        dealIds.slice(i, i + CLIENTS).map((dealId) =>
          post(`${service.url}/deals`, { dealId, customerId: `C-${dealId}`, ownerRepId: 'R-1', teamId: 'alpha', region: 'north', channel: 'direct', segment: 'smb', amount: 25000, stage: 'prospecting', expectedCloseDate: '2030-01-01' }),
        ),
      );
    }
    const latencies: number[] = [];
    const deadline = performance.now() + SECONDS * 1000;
    const started = performance.now();
    const client = async (c: number) => {
      for (let n = 0; performance.now() < deadline; n++) {
        const dealId = dealIds[c * DEALS_PER_CLIENT + (n % DEALS_PER_CLIENT)];
        const sent = performance.now();
        await post(`${service.url}/deals/${dealId}/activities`, { kind: KINDS[n % KINDS.length] });
        latencies.push(performance.now() - sent);
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
    const seconds = (performance.now() - started) / 1000;
    note(`${latencies.length.toLocaleString('en-US')} commands from ${CLIENTS} clients in ${seconds.toFixed(1)} s`);
    report('append-command', latencies.length / seconds, 'commands/s');
    report('append-command-p50', percentile(latencies, 50), 'ms');
    report('append-command-p99', percentile(latencies, 99), 'ms');
  } finally {
    await service.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`append-command failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
