import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The history every read-side benchmark replays: ≥ 1,000,000 events over two years. */
export const BENCH_HISTORY = { seed: 7, scale: 17, days: 730, now: '2026-06-30T12:00:00.000Z' } as const;

export interface HistoryManifest {
  readonly seed: number;
  readonly scale: number;
  readonly days: number;
  readonly now: string;
  readonly actions: number;
  readonly events: Readonly<Record<string, number>>;
  readonly totalEvents: number;
  readonly firstRecordedAt: string;
  readonly lastRecordedAt: string;
  readonly seconds: number;
}

/** The repository root, whether this runs from bench/ (ts) or dist/bench/ (compiled). */
export const repositoryRoot = (): string => {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) || existsSync(join(dir, '..', 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
};

export const historyDir = (seed: number, scale: number): string => resolve(repositoryRoot(), 'bench', '.data', `${seed}-${scale}`);

/**
 * The cached data dir of a generated history (four event stores), generating it on first use in
 * a child process — so that the benchmark's own memory figures do not include the generation.
 */
export const ensureHistory = (history: typeof BENCH_HISTORY = BENCH_HISTORY): { dir: string; manifest: HistoryManifest } => {
  const dir = historyDir(history.seed, history.scale);
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    process.stderr.write(`  generating the benchmark history into ${dir} (once; cached afterwards)\n`);
    const script = join(__dirname, 'prepare-history.js');
    execFileSync(process.execPath, [script, JSON.stringify(history), dir], { stdio: ['ignore', 'inherit', 'inherit'] });
  }
  return { dir, manifest: JSON.parse(readFileSync(manifestPath, 'utf8')) as HistoryManifest };
};
