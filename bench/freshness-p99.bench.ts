import 'reflect-metadata';
import { cpuSecondsOf, startDealsAndProjection, stopServices } from './support/children';
import { noteCauses, sendWinsAtRate, waitForCatchUp, waitForHealth } from './support/freshness-run';
import { seedOpenDeals } from './support/freshness-seed';
import { note, percentile, report, sleep, tempDir } from './support/report';
import { listenToChanges } from './support/sse';

/**
 * freshness-p99: how long after a command its effect shows on the metric-change stream. The deals
 * service and the projection run as `npm start` runs them — built, each in its own process, on the
 * embedded default (the build must exist: `npm run bench` builds first); commands — deal wins, each deal owned by one of 40 reps (FRESHNESS_REPS) so its
 * rep-scope metrics change — go out at a steady 200/s for 15 s, and each is matched to the first
 * MetricChanged on GET /metrics/changes whose causedBy or alsoCausedBy names its stream and revision. The first
 * 3 s at the same rate warm the process up and are not counted. The stream is filtered to
 * avg_deal_size — it changes with every win here, in the same batch as every other metric — so that
 * reading ~30 changes per command does not make this client the bottleneck. A command whose event
 * shares a projection batch with more than 16 later events of the same rep is not named any more
 * (alsoCausedBy keeps the latest 16): those would be counted as unmatched.
 */
const RATE = 200;
const SECONDS = 15;
const WARM_UP_SECONDS = 3;
/**
 * Then single commands after quiet spells (one every 250 ms, the projection idle in between), as
 * a user clicking through the dashboard sends them: `freshness-quiet-p50` and `-max`. Steady load
 * hides a wake-up that misses its commit (the next command's wakes the projection); a lone command
 * waited for the idle poll then.
 */
const QUIET_COMMANDS = 20;
const QUIET_RATE = 4;
const REPS = Number(process.env.FRESHNESS_REPS ?? 40);


const main = async () => {
  const dataDir = tempDir('freshness');
  const seeded = await seedOpenDeals(dataDir, RATE * (WARM_UP_SECONDS + SECONDS) + QUIET_COMMANDS, REPS);
  const deals = seeded.slice(QUIET_COMMANDS);
  const quietDeals = seeded.slice(0, QUIET_COMMANDS);
  note(`${deals.length} open deals of ${REPS} reps seeded`);
  // As `npm start` runs them: the deals service and the projection in their own processes.
  const { processes, projection, projectionUrl, dealsUrl } = startDealsAndProjection(dataDir, 41_000 + Math.floor(Math.random() * 900));
  try {
    await waitForHealth(dealsUrl);
    await waitForHealth(projectionUrl);
    await waitForCatchUp(projectionUrl, 120_000);
    note('system started (separate processes), projection caught up');
    const firstSeen = new Map<string, number>();
    const changes = await listenToChanges(`${projectionUrl}/metrics/changes?metric=avg_deal_size`, (change) => {
      noteCauses(firstSeen, change);
    });
    const { sent, seconds: sendSeconds } = await sendWinsAtRate(dealsUrl, deals, RATE);
    await waitForCatchUp(projectionUrl, 300_000);
    await sleep(500);
    const { sent: quiet } = await sendWinsAtRate(dealsUrl, quietDeals, QUIET_RATE);
    await waitForCatchUp(projectionUrl, 60_000);
    await sleep(500);
    await changes.close();
    const measured = sent.slice(RATE * WARM_UP_SECONDS);
    const matched = measured.filter((c) => firstSeen.has(c.key));
    const fromSend = matched.map((c) => firstSeen.get(c.key)! - c.at);
    const fromAnswer = matched.map((c) => Math.max(0, firstSeen.get(c.key)! - c.answeredAt));
    const answerTimes = measured.map((c) => c.answeredAt - c.at);
    note(`${sent.length} commands in ${sendSeconds.toFixed(1)} s (${Math.round(sent.length / sendSeconds)}/s), the last ${measured.length} measured; ${matched.length} matched to a MetricChanged`);
    note(`commands answered after p50 ${Math.round(percentile(answerTimes, 50))} ms, p99 ${Math.round(percentile(answerTimes, 99))} ms`);
    report('freshness-p50', percentile(fromSend, 50), 'ms');
    report('freshness-p99', percentile(fromSend, 99), 'ms');
    report('freshness-after-answer-p50', percentile(fromAnswer, 50), 'ms');
    report('freshness-after-answer-p99', percentile(fromAnswer, 99), 'ms');
    report('freshness-unmatched', measured.length - matched.length, 'commands');
    const quietTimes = quiet.filter((c) => firstSeen.has(c.key)).map((c) => firstSeen.get(c.key)! - c.at);
    if (quietTimes.length < quiet.length) throw new Error(`${quiet.length - quietTimes.length} of the ${quiet.length} single commands were not matched to a MetricChanged`);
    report('freshness-quiet-p50', percentile(quietTimes, 50), 'ms');
    report('freshness-quiet-max', Math.max(...quietTimes), 'ms');
    // The projection's CPU over the whole run (catch-up of the seeded deals included): whether its
    // work changed, apart from the machine's drift, which moves the latencies by a fifth an hour.
    const projectionCpu = cpuSecondsOf(projection);
    if (projectionCpu !== null) report('freshness-projection-cpu', projectionCpu, 's');
  } finally {
    await stopServices(processes, dataDir);
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`freshness-p99 failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
