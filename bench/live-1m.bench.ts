import { copyFileSync } from 'node:fs';
import { CONTEXTS } from '@quotient/contracts';
import { storePathOf } from '@quotient/runtime';
import { cpuSecondsOf, startDealsAndProjection, stopServices } from './support/children';
import { noteCauses, type SentWin, sendWinsWhile, waitForCatchUp, waitForHealth } from './support/freshness-run';
import { seedOpenDeals } from './support/freshness-seed';
import { ensureHistory } from './support/history-cache';
import { note, percentile, report, sleep, tempDir } from './support/report';
import { listenToChanges } from './support/sse';

/**
 * live-1m: the live projection of a large organisation — the cached ≥1M-event history (the
 * `rebuild` benchmark's), `npm start`'s processes over a copy of it, caught up first — while an
 * auditor asks what was known at an instant and while an operator rebuilds the read models. Deal
 * wins go out at 20/s (FRESHNESS at a user's pace, not a load test), each matched to its first
 * MetricChanged on the SSE stream, as `freshness-p99` matches them:
 *
 * - `live-1m-p99`: 20 s of wins and nothing else;
 * - `live-1m-during-asof-p99`: wins while one `GET /metrics?asOf=` replays the history (to the
 *   instant 9/10 of the way through it), and `asof-in-service`: how long that answer took;
 * - `live-1m-during-rebuild-p99`: wins while `POST /projection/rebuild` builds a new version and
 *   takes over, and `rebuild-in-service`: how long until it served.
 */
const RATE = 20;
const STEADY_SECONDS = 20;
const REPS = 40;

const main = async () => {
  const { dir: historyDir, manifest } = ensureHistory();
  const dataDir = tempDir('live-1m');
  for (const context of CONTEXTS) copyFileSync(storePathOf(historyDir, context), storePathOf(dataDir, context));
  const deals = await seedOpenDeals(dataDir, 4_000, REPS);
  let nextDeal = 0;
  const { processes, projection, projectionUrl, dealsUrl } = startDealsAndProjection(dataDir, 42_000 + Math.floor(Math.random() * 900));
  try {
    const starting = performance.now();
    await waitForHealth(dealsUrl);
    await waitForHealth(projectionUrl);
    await waitForCatchUp(projectionUrl, 600_000);
    note(`${manifest.totalEvents.toLocaleString('en-US')} events and ${deals.length} open deals caught up in ${((performance.now() - starting) / 1000).toFixed(1)} s (first start)`);
    const firstSeen = new Map<string, number>();
    const changes = await listenToChanges(`${projectionUrl}/metrics/changes?metric=avg_deal_size`, (change) => noteCauses(firstSeen, change));

    /** Wins deals at RATE until `done` says so; the wins sent, once all are answered. */
    const winWhile = async (done: () => boolean): Promise<SentWin[]> => {
      const next = () => {
        if (nextDeal === deals.length) throw new Error('out of open deals');
        return deals[nextDeal++];
      };
      return (await sendWinsWhile(dealsUrl, next, RATE, done)).sent;
    };
    const freshness = async (name: string, sent: readonly SentWin[]) => {
      await waitForCatchUp(projectionUrl, 120_000);
      await sleep(1000);
      const times = sent.filter((c) => firstSeen.has(c.key)).map((c) => firstSeen.get(c.key)! - c.at);
      if (times.length < sent.length) throw new Error(`${name}: ${sent.length - times.length} of ${sent.length} wins not matched to a MetricChanged`);
      note(`${name}: ${sent.length} wins, p50 ${percentile(times, 50).toFixed(1)} ms, max ${Math.max(...times).toFixed(0)} ms`);
      report(name, percentile(times, 99), 'ms');
    };

    // Warm-up (not counted), then steady.
    const warmUpEnd = performance.now() + 3_000;
    await winWhile(() => performance.now() > warmUpEnd);
    const steadyEnd = performance.now() + STEADY_SECONDS * 1000;
    await freshness('live-1m-p99', await winWhile(() => performance.now() > steadyEnd));

    const instant = new Date(Date.parse(manifest.firstRecordedAt) + 0.9 * (Date.parse(manifest.lastRecordedAt) - Date.parse(manifest.firstRecordedAt))).toISOString();
    let asOfSeconds: number | null = null;
    const asking = performance.now();
    const asked = fetch(`${projectionUrl}/metrics?period=2026-Q1&scope=org&asOf=${instant}`).then(async (response) => {
      if (!response.ok) throw new Error(`asOf answered ${response.status}`);
      await response.json();
      asOfSeconds = (performance.now() - asking) / 1000;
    });
    asked.catch(() => undefined);
    const duringAsOf = await winWhile(() => asOfSeconds !== null || performance.now() - asking > 120_000);
    await asked;
    report('asof-in-service', asOfSeconds!, 's');
    await freshness('live-1m-during-asof-p99', duringAsOf);

    const before = (await (await fetch(`${projectionUrl}/projection/status`)).json()) as { version: number };
    const rebuilding = performance.now();
    const started = await fetch(`${projectionUrl}/projection/rebuild`, { method: 'POST' });
    if (started.status !== 202 && started.status !== 200) throw new Error(`rebuild answered ${started.status}`);
    let rebuilt = false;
    const watching = (async () => {
      while (!rebuilt) {
        const status = (await (await fetch(`${projectionUrl}/projection/status`)).json()) as { version: number; rebuild: { state: string; lastError?: string } };
        if (status.rebuild.lastError) throw new Error(`rebuild failed: ${status.rebuild.lastError}`);
        if (status.version > before.version && status.rebuild.state === 'idle') rebuilt = true;
        else await sleep(100);
      }
    })();
    watching.catch(() => (rebuilt = true));
    const duringRebuild = await winWhile(() => rebuilt || performance.now() - rebuilding > 600_000);
    await watching;
    report('rebuild-in-service', (performance.now() - rebuilding) / 1000, 's');
    await freshness('live-1m-during-rebuild-p99', duringRebuild);
    await changes.close();
    const projectionCpu = cpuSecondsOf(projection);
    if (projectionCpu !== null) report('live-1m-projection-cpu', projectionCpu, 's');
  } finally {
    await stopServices(processes, dataDir);
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`live-1m failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
