import type { Action } from './action';
import { DAY_MS, isFirstOfQuarter, startOfDay } from './calendar';
import { customersDay } from './customers';
import { dealsDay } from './deals';
import { expensesDay } from './expenses';
import { createProgram, peopleDay, staffCompany } from './people';
import { planDay } from './planning';
import { seededRandom } from './random';
import { World } from './world';

export interface HistoryOptions {
  /** Same seed, same options → the same history, action for action. */
  readonly seed?: number;
  /** Size of the company: 1 ≈ 5 teams, ~40 reps, ~2,500 customers, ~4,500 deals — ~62,000 actions in two years. */
  readonly scale?: number;
  /** How many days of history end at `now`. */
  readonly days?: number;
  /** The end of the history (business "now"); today by default, fixed in tests. */
  readonly now?: string | number | Date;
}

export interface ResolvedHistoryOptions {
  readonly seed: number;
  readonly scale: number;
  readonly days: number;
  readonly now: number;
}

export const resolveHistoryOptions = (options: HistoryOptions = {}): ResolvedHistoryOptions => {
  const seed = options.seed ?? 42;
  const scale = options.scale ?? 1;
  const days = options.days ?? 730;
  const now = options.now === undefined ? Date.now() : new Date(options.now).getTime();
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`seed must be a whole number ≥ 0, not ${options.seed}`);
  if (!(scale > 0 && scale <= 1000)) throw new Error(`scale must be above 0 (and at most 1000), not ${options.scale}`);
  if (!Number.isInteger(days) || days < 1) throw new Error(`days must be a whole number ≥ 1, not ${options.days}`);
  if (!Number.isFinite(now)) throw new Error(`now must be a date, not ${String(options.now)}`);
  return { seed, scale, days, now };
};

/**
 * A realistic sales history, simulated day by day up to `now` and handed out in business-time
 * order. Lazy: a history of millions of actions never sits in memory at once.
 */
export function* historyOf(options: HistoryOptions = {}): Generator<Action> {
  const { seed, scale, days, now } = resolveHistoryOptions(options);
  const start = startOfDay(now) - days * DAY_MS;
  // The seed tags every id, so histories of different seeds can share one system.
  const world = new World(seededRandom(seed), scale, start, now, seed.toString(36));
  const marketShares = new Map<string, number>();
  for (let day = 0; day <= days; day++) {
    world.beginDay(day);
    if (day === 0) staffCompany(world);
    else if (isFirstOfQuarter(world.dayStart)) createProgram(world);
    planDay(world, marketShares);
    peopleDay(world);
    customersDay(world);
    dealsDay(world);
    expensesDay(world);
    yield* world.drain();
  }
}

/** The whole history as an array (fine for the demo's sizes; use `historyOf` for millions). */
export const generateHistory = (options: HistoryOptions = {}): Action[] => [...historyOf(options)];
