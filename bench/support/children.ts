import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
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
