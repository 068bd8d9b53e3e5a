import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process';

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
