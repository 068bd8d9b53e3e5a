import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openSqliteEventStore, openSqliteReadModelStore } from '@quotient/infra-sqlite';
import { sourceOf, testHistory } from '@quotient/projection/testing';
import { storePathOf } from '@quotient/runtime';
import { httpClient } from '@quotient/testing/service';

const MAIN = resolve(__dirname, '../../../dist/apps/projection-service/src/main.js');
const PORT = 3900 + Math.floor(Math.random() * 90);
const http = httpClient(() => `http://127.0.0.1:${PORT}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The embedded default: CI exports KAFKA_BROKERS and MONGO_URL for other suites, not for this one. */
const embeddedEnv = () => {
  const { KAFKA_BROKERS: _k, MONGO_URL: _m, EVENTSTORE_URL: _e, ...env } = process.env;
  return env;
};

const start = (dataDir: string): ChildProcess =>
  spawn(process.execPath, [MAIN], { env: { ...embeddedEnv(), DATA_DIR: dataDir, PROJECTION_PORT: String(PORT), LOG_LEVEL: 'warn', PROJECTION_BATCH_SIZE: '500', PROJECTION_CATCHUP_COMMIT_EVENTS: '1500' }, stdio: 'ignore' });

const status = async () => {
  try {
    const response = await http.get('/projection/status');
    return response.status === 200 ? response.body : null;
  } catch {
    return null;
  }
};

const waitUntil = async (check: (s: any) => boolean, timeoutMs = 60_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await status();
    if (s && check(s)) return s;
    if (Date.now() > deadline) throw new Error(`timed out; last status ${JSON.stringify(s)}`);
    await sleep(5);
  }
};

/** How many events the read model had durably applied when the process died. */
const committedEvents = async (dataDir: string): Promise<number> => {
  const store = openSqliteReadModelStore(join(dataDir, 'projection', 'v1.db'));
  const { counters } = await store.load();
  await store.close();
  return counters.eventsApplied;
};

const kill9 = async (child: ChildProcess) => {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
};

const allValues = async () => {
  const periods = ['2026-03', '2026-04', '2026-05', '2026-06', '2026-Q1', '2026-Q2', '2026'];
  const lists = await Promise.all(periods.map((p) => http.get(`/metrics?period=${p}`)));
  return lists.flatMap((l) => l.body.map((m: any) => `${m.metric}|${m.scope}|${m.period}=${m.value}`)).sort();
};

/**
 * kill -9 of the projection process at arbitrary instants while it catches up, then a restart:
 * the read models must equal a clean rebuild, with every event applied exactly once.
 */
describe('projection crash recovery (kill -9 while projecting)', () => {
  let dataDir = '';
  let child: ChildProcess | null = null;
  const history = testHistory(300);

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: npm test builds it first (npm run build)`);
    dataDir = mkdtempSync(join(tmpdir(), 'quotient-crash-'));
    for (const source of ['deals', 'customers', 'costs', 'training']) {
      const store = openSqliteEventStore(storePathOf(dataDir, source));
      const events = history.filter((e) => sourceOf(e) === source);
      await Promise.all(events.map((e) => store.append(e.streamId, [e], { expectedRevision: 'any' })));
      await store.close();
    }
  }, 120_000);

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) await kill9(child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('recovers to read models identical to a clean rebuild', async () => {
    // Kill at varying delays after start until two kills have landed in the middle of the catch-up:
    // longer delays while nothing was committed yet, then bisection between the longest delay that
    // found nothing committed and the shortest that found everything (that kill wipes the read
    // models so the next one starts over).
    const progressAtKill: number[] = [];
    let nothing = 0;
    let everything = Number.POSITIVE_INFINITY;
    for (let attempt = 0; attempt < 16 && progressAtKill.filter((p) => p > 0 && p < history.length).length < 2; attempt++) {
      const delay = Math.round(everything === Number.POSITIVE_INFINITY ? Math.max(100, nothing * 1.6) : (nothing + everything) / 2);
      child = start(dataDir);
      await sleep(delay);
      await kill9(child);
      const applied = await committedEvents(dataDir);
      progressAtKill.push(applied);
      process.stdout.write(`killed after ${delay} ms with ${applied} of ${history.length} events applied\n`);
      if (applied === 0) nothing = Math.max(nothing, delay);
      if (applied >= history.length) {
        everything = Math.min(everything, delay);
        rmSync(join(dataDir, 'projection'), { recursive: true, force: true });
      }
    }
    expect(progressAtKill.some((p) => p > 0 && p < history.length)).toBe(true);
    child = start(dataDir);
    const settled = await waitUntil((st) => st.lag === 0);
    expect(settled.eventsApplied).toBe(history.length);
    expect(settled.deadLettered).toBe(0);
    const recovered = await allValues();
    expect(recovered.length).toBeGreaterThan(100);

    await http.post('/projection/rebuild');
    await waitUntil((st) => st.version === 2 && st.rebuild.state === 'idle');
    const rebuilt = await allValues();
    expect(rebuilt).toEqual(recovered);
    await kill9(child);
  }, 180_000);
});
