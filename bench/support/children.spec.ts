import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Running (a zombie nobody reaps — here, orphans of a container without an init — is not). */
const alive = (pid: number): boolean => {
  if (existsSync('/proc')) {
    try {
      return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('services started by a benchmark', () => {
  it.each([
    ['an uncaught error', "setTimeout(() => { throw new Error('the benchmark failed'); }, 50);"],
    ['SIGTERM', 'setTimeout(() => process.kill(process.pid, "SIGTERM"), 50);'],
  ])('are killed when the benchmark process dies of %s', async (_, death) => {
    const dir = mkdtempSync(join(tmpdir(), 'quotient-bench-children-'));
    try {
      const script = join(dir, 'bench.mjs');
      // Node strips the helper's types itself (it imports only built-ins), as the benchmarks' build does not matter here.
      writeFileSync(
        script,
        `import { spawnService } from ${JSON.stringify(join(__dirname, 'children.ts'))};\n` +
          `const child = spawnService(['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });\n` +
          `process.stdout.write(String(child.pid) + '\\n');\n${death}\nsetInterval(() => {}, 1000);\n`,
      );
      const pid = await new Promise<number>((resolve) => {
        execFile(process.execPath, ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', script], (_error, stdout) => resolve(Number(stdout.trim())));
      });
      expect(pid).toBeGreaterThan(0);
      for (let i = 0; i < 50 && alive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(alive(pid)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the CPU time a service has used, and nothing once it has exited', async () => {
    // Only the reader: spawnService would hook this test process's exit and signals.
    const { cpuSecondsOf } = await import('./children');
    // Busy for ~400 ms of CPU, then idle until killed.
    const child = spawn(process.execPath, ['-e', 'const end = process.cpuUsage().user + 400_000; while (process.cpuUsage().user < end); setInterval(() => {}, 1000);'], { stdio: 'ignore' });
    try {
      let seconds = cpuSecondsOf(child) ?? 0;
      for (let i = 0; i < 100 && seconds < 0.4; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        seconds = cpuSecondsOf(child) ?? 0;
      }
      expect(seconds).toBeGreaterThanOrEqual(0.4);
      expect(seconds).toBeLessThan(30);
    } finally {
      child.kill('SIGKILL');
    }
    await new Promise((resolve) => child.once('exit', resolve));
    expect(cpuSecondsOf(child)).toBeNull();
  });

  it('start as `npm start` starts them: with the V8 flags scripts/node-flags.json gives each', async () => {
    const { nodeFlagsOf } = await import('./children');
    const file = JSON.parse(readFileSync(join(__dirname, '..', '..', 'scripts', 'node-flags.json'), 'utf8')) as Record<string, unknown>;
    expect(nodeFlagsOf('projection')).toEqual(file.projection);
    expect(nodeFlagsOf('projection').length).toBeGreaterThan(0);
    expect(nodeFlagsOf('deals')).toEqual([]);
    // each is a flag Node accepts
    for (const flag of nodeFlagsOf('projection')) {
      const { status, stderr } = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
        const child = execFile(process.execPath, [flag, '-e', '0'], (error, _out, err) => resolve({ status: error ? (child.exitCode ?? 1) : 0, stderr: err }));
      });
      expect({ flag, status, stderr }).toEqual({ flag, status: 0, stderr: '' });
    }
  });
});
