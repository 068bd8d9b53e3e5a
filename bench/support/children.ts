import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

const running = new Set<ChildProcess>();
let hooked = false;

const hook = (): void => {
  hooked = true;
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
  // A signal's default action ends the process without 'exit': make it one.
  for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) process.once(signal, () => process.exit(code));
};

/**
 * A service a benchmark starts (`node <args>`), killed when the benchmark's process exits however
 * it exits: the benchmarks stop their services in a `finally`, which does not run when the process
 * dies of an uncaught error or a signal — once, its stdout closed by the caller, five services
 * were left running.
 */
export const spawnService = (args: readonly string[], options: SpawnOptions): ChildProcess => {
  if (!hooked) hook();
  const child = spawn(process.execPath, args, options);
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
};

/**
 * The V8 flags a service runs with (scripts/node-flags.json, as `npm start` starts it): put
 * before its main module in `spawnService`'s arguments. Found from here upwards (compiled into
 * dist/bench/support, or run from bench/support by Jest).
 */
export const nodeFlagsOf = (service: string): string[] => {
  let dir = __dirname;
  while (!existsSync(join(dir, 'scripts', 'node-flags.json'))) {
    if (dirname(dir) === dir) throw new Error('scripts/node-flags.json not found above ' + __dirname);
    dir = dirname(dir);
  }
  const flags = JSON.parse(readFileSync(join(dir, 'scripts', 'node-flags.json'), 'utf8')) as Record<string, unknown>;
  const own = flags[service];
  return Array.isArray(own) ? own.map(String) : [];
};

/**
 * CPU seconds (user + system, all threads) a child has used so far, from /proc (Linux; null
 * elsewhere or once it has exited). The services' own CPU tells a change in their work apart from
 * the machine's drift, which moves latencies by a fifth within an hour. Clock ticks of 1/100 s:
 * USER_HZ, which Linux reports in /proc whatever the kernel's own tick.
 */
export const cpuSecondsOf = (child: ChildProcess): number | null => {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return null;
  try {
    const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
    // Fields after the command name (in parentheses, which may hold spaces): state is the first,
    // utime and stime the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
};

/** Stops the services a benchmark started and removes its data folder. */
export const stopServices = async (children: readonly ChildProcess[], dataDir: string): Promise<void> => {
  for (const child of children) child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  rmSync(dataDir, { recursive: true, force: true });
};

/**
 * The deals service and the projection as `npm start` runs them — built (dist/apps), each in its
 * own process with its Node flags — over `dataDir`, on ports `base` (projection) and `base + 1`.
 */
export const startDealsAndProjection = (dataDir: string, base: number) => {
  const apps = join(__dirname, '..', '..', 'apps');
  const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  const processes = [
    spawnService([...nodeFlagsOf('deals'), join(apps, 'deals-service/src/main.js')], { env: { ...env, DEALS_PORT: String(base + 1) }, stdio: 'ignore' }),
    spawnService([...nodeFlagsOf('projection'), join(apps, 'projection-service/src/main.js')], { env: { ...env, PROJECTION_PORT: String(base) }, stdio: 'ignore' }),
  ];
  return { processes, projection: processes[1], projectionUrl: `http://127.0.0.1:${base}`, dealsUrl: `http://127.0.0.1:${base + 1}` };
};
