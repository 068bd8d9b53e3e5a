import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One figure, on its own line, as DESIGN.md §5 asks: `<benchmark>: <value> <unit>`. */
export const report = (benchmark: string, value: number, unit: string): void => {
  const shown = Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
  process.stdout.write(`${benchmark}: ${shown} ${unit}\n`);
};

/** Progress and context go to stderr, so stdout holds figures only. */
export const note = (line: string): void => void process.stderr.write(`  ${line}\n`);

export const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};

export const tempDir = (name: string): string => mkdtempSync(join(tmpdir(), `quotient-bench-${name}-`));

/** Samples the resident set size while something runs; `stop` gives the peak in MB. */
export const rssSampler = (everyMs = 50) => {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), everyMs);
  return {
    stop: (): number => {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage.rss());
      return peak / 1024 / 1024;
    },
  };
};

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
