import { quarterBefore, quarterOf } from './calendar';
import { parseDemoArgs, USAGE } from './cli';
import { generateHistory, resolveHistoryOptions } from './history';
import { orgMetrics, waitForProjection, waitForServices } from './projection-check';
import { baseUrlsFrom } from './routes';
import { sendActions } from './sender';

const print = (line: string): void => void process.stdout.write(`${line}\n`);
const count = (n: number) => n.toLocaleString('en-US');

/** `npm run demo`: a realistic history through the real HTTP APIs of the running system. */
const main = async (): Promise<void> => {
  const parsed = parseDemoArgs(process.argv.slice(2));
  if (parsed === 'help') return print(USAGE);
  const options = resolveHistoryOptions(parsed);
  const urls = baseUrlsFrom(process.env);
  await waitForServices(urls);

  const generating = performance.now();
  const actions = generateHistory(options);
  const end = new Date(options.now).toISOString();
  print(`history: ${count(actions.length)} actions — seed ${options.seed}, scale ${options.scale}, ${options.days} days up to ${end} (generated in ${((performance.now() - generating) / 1000).toFixed(1)} s)`);

  let lastProgress = performance.now();
  const summary = await sendActions(actions, {
    urls,
    concurrency: parsed.concurrency,
    onSent: (sent) => {
      if (performance.now() - lastProgress < 2000 && sent !== actions.length) return;
      lastProgress = performance.now();
      print(`  sent ${count(sent)} / ${count(actions.length)} (${Math.round((100 * sent) / actions.length)} %)`);
    },
  });
  print(`sent ${count(summary.requests)} requests in ${summary.seconds.toFixed(1)} s — ${count(Math.round(summary.requests / summary.seconds))} req/s, ${summary.retries} retries`);

  const waiting = performance.now();
  const status = await waitForProjection(urls.projection, (s) => print(`  projection: ${count(s.eventsApplied)} events applied, lag ${count(s.lag)}`));
  print(`projection caught up in ${((performance.now() - waiting) / 1000).toFixed(1)} s: ${count(status.eventsApplied)} events applied, ${status.deadLettered} dead letters`);

  // The last complete quarter, then the one under way (where a metric may have no data yet: no
  // new rep's first win so far this quarter, say).
  const current = quarterOf(options.now);
  for (const [quarter, label] of [[quarterBefore(current), 'the last complete quarter'], [current, 'the quarter so far']] as const) {
    const coverage = await orgMetrics(urls.projection, quarter);
    const total = coverage.withValue.length + coverage.withoutValue.length;
    print(`metrics for ${coverage.period} (${label}) at org scope: ${coverage.withValue.length} of ${total} have a value`);
    for (const view of coverage.withoutValue) print(`  null: ${view.metric} (${String(view.inputs.reason ?? 'no reason given')})`);
    if (coverage.notAtOrg.length > 0) print(`  not defined at org scope: ${coverage.notAtOrg.join(', ')}`);
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
