import { parseArgs } from 'node:util';
import type { HistoryOptions } from './history';

export interface DemoOptions extends HistoryOptions {
  readonly concurrency: number;
}

export const USAGE = `Usage: npm run demo -- [--seed 42] [--scale 1] [--days 730] [--now <ISO time>] [--concurrency 16]

Sends a generated two-year sales history to the running Quotient services (start them with
\`npm start\`), waits for the projection to catch up and shows the current quarter's metrics.
Ports and host come from the same variables as npm start (HOST, DEALS_PORT, …, PROJECTION_PORT).
Use a fresh DATA_DIR: running it again the same day only replays (every request carries an
Idempotency-Key), but a history generated on another day conflicts with the one stored.`;

const number = (name: string, text: string | undefined): number | undefined => {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new Error(`--${name} expects a number, not "${text}"`);
  return value;
};

/** Reads the command line; throws with a message that names the bad option. */
export const parseDemoArgs = (argv: readonly string[]): DemoOptions | 'help' => {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      seed: { type: 'string' },
      scale: { type: 'string' },
      days: { type: 'string' },
      now: { type: 'string' },
      concurrency: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const now = values.now === undefined ? undefined : Date.parse(values.now);
  if (now !== undefined && Number.isNaN(now)) throw new Error(`--now expects an ISO-8601 time, not "${values.now}"`);
  const concurrency = number('concurrency', values.concurrency) ?? 16;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('--concurrency expects a whole number ≥ 1');
  return { seed: number('seed', values.seed), scale: number('scale', values.scale), days: number('days', values.days), now, concurrency };
};
