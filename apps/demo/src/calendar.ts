/** Business calendar in UTC: days, the periods they belong to, and working hours. */
export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

/** Working hours 08:30–18:30 China time, which is 00:30–10:30 UTC. */
const WORK_START_MS = 30 * MINUTE_MS;
const WORK_SPAN_MS = 10 * 60 * MINUTE_MS;

export const startOfDay = (ms: number): number => Math.floor(ms / DAY_MS) * DAY_MS;

export const dayLabel = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** A moment within a day's working hours, `fraction` of the way through it. */
export const workingMoment = (dayStart: number, fraction: number): number => dayStart + WORK_START_MS + Math.floor(fraction * WORK_SPAN_MS);

export const monthOf = (ms: number): string => new Date(ms).toISOString().slice(0, 7);

export const quarterOf = (ms: number): string => {
  const date = new Date(ms);
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
};

/** The quarter before a `YYYY-Qn` quarter. */
export const quarterBefore = (quarter: string): string => {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
};

export const yearOf = (ms: number): string => String(new Date(ms).getUTCFullYear());

export const isFirstOfMonth = (ms: number): boolean => new Date(ms).getUTCDate() === 1;

export const isFirstOfQuarter = (ms: number): boolean => isFirstOfMonth(ms) && new Date(ms).getUTCMonth() % 3 === 0;

export const isFirstOfYear = (ms: number): boolean => isFirstOfQuarter(ms) && new Date(ms).getUTCMonth() === 0;

export const isWeekend = (ms: number): boolean => {
  const weekday = new Date(ms).getUTCDay();
  return weekday === 0 || weekday === 6;
};

/** First day (ms) of the quarter after the one containing `ms`. */
export const nextQuarterStart = (ms: number): number => {
  const date = new Date(ms);
  return Date.UTC(date.getUTCFullYear(), Math.floor(date.getUTCMonth() / 3) * 3 + 3, 1);
};

export const monthsInQuarter = (quarter: string): string[] => {
  const first = (Number(quarter.slice(6)) - 1) * 3 + 1;
  return [0, 1, 2].map((i) => `${quarter.slice(0, 4)}-${String(first + i).padStart(2, '0')}`);
};
