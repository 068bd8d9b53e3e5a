/** Periods: `2026-11` (month), `2026-Q4` (quarter), `2026` (year). All in UTC. */
export type PeriodKind = 'month' | 'quarter' | 'year';

const DAY_MS = 86_400_000;

export const periodKind = (period: string): PeriodKind => (period.length === 4 ? 'year' : period.includes('Q') ? 'quarter' : 'month');

/** The month, quarter and year an instant (or a `YYYY-MM-DD` day) belongs to. */
export const periodsOf = (isoTime: string): [string, string, string] => {
  const year = isoTime.slice(0, 4);
  const month = Number(isoTime.slice(5, 7));
  return [`${year}-${isoTime.slice(5, 7)}`, `${year}-Q${Math.floor((month - 1) / 3) + 1}`, year];
};

const countedIn = new Map<string, readonly string[]>();

/**
 * The periods a sum stored in `stored` counts in: a month's month, quarter and year, or an
 * explicitly set period (`=<period>`) alone. Memoised: one list per stored period, its strings
 * reused (the same few dozen are asked for millions of times in a replay).
 */
export const periodsCountedIn = (stored: string): readonly string[] => {
  let periods = countedIn.get(stored);
  if (!periods) countedIn.set(stored, (periods = stored.startsWith('=') ? [stored.slice(1)] : periodsOf(stored)));
  return periods;
};

const boundsCache = new Map<string, { start: string; end: string }>();

/** First and last-exclusive day (`YYYY-MM-DD`) of a period (memoised: formulas ask often). */
export const periodBounds = (period: string): { start: string; end: string } => {
  let bounds = boundsCache.get(period);
  if (!bounds) boundsCache.set(period, (bounds = computeBounds(period)));
  return bounds;
};

const computeBounds = (period: string): { start: string; end: string } => {
  const year = Number(period.slice(0, 4));
  const kind = periodKind(period);
  const firstMonth = kind === 'year' ? 1 : kind === 'quarter' ? (Number(period.slice(6)) - 1) * 3 + 1 : Number(period.slice(5, 7));
  const months = kind === 'year' ? 12 : kind === 'quarter' ? 3 : 1;
  const start = new Date(Date.UTC(year, firstMonth - 1, 1));
  const end = new Date(Date.UTC(year, firstMonth - 1 + months, 1));
  return { start: dayOf(start.toISOString()), end: dayOf(end.toISOString()) };
};

export const previousPeriod = (period: string): string => {
  const year = Number(period.slice(0, 4));
  switch (periodKind(period)) {
    case 'year':
      return String(year - 1);
    case 'quarter': {
      const q = Number(period.slice(6));
      return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
    }
    default: {
      const m = Number(period.slice(5, 7));
      return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
    }
  }
};

export const dayOf = (isoTime: string): string => isoTime.slice(0, 10);

export const addDays = (day: string, days: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

export const daysBetween = (fromIso: string, toIso: string): number => (Date.parse(toIso) - Date.parse(fromIso)) / DAY_MS;

const dayNumbers = new Map<string, number>();

/**
 * A `YYYY-MM-DD` day as its number of days since 1970-01-01 (memoised: the days of a few years,
 * asked for constantly by averages). `dayNumber(b) - dayNumber(a)` is `daysBetween(a, b)`, exactly.
 */
export const dayNumber = (day: string): number => {
  let days = dayNumbers.get(day);
  if (days === undefined) {
    days = Date.parse(day) / DAY_MS;
    if (dayNumbers.size < 100_000) dayNumbers.set(day, days);
  }
  return days;
};

export const hoursBetween = (fromIso: string, toIso: string): number => (Date.parse(toIso) - Date.parse(fromIso)) / 3_600_000;

/** The period of the same kind that contains an instant: the "current" period for a clock. */
export const periodContaining = (isoTime: string, kind: PeriodKind): string => periodsOf(isoTime)[kind === 'month' ? 0 : kind === 'quarter' ? 1 : 2];

/** Every month, quarter and year from the one containing `fromDay` to the one containing `toIso`. */
export const periodsBetween = (fromDay: string, toIso: string): string[] => {
  const periods = new Set<string>();
  let year = Number(fromDay.slice(0, 4));
  let month = Number(fromDay.slice(5, 7));
  const endYear = Number(toIso.slice(0, 4));
  const endMonth = Number(toIso.slice(5, 7));
  while (year < endYear || (year === endYear && month <= endMonth)) {
    for (const p of periodsOf(`${year}-${String(month).padStart(2, '0')}-01`)) periods.add(p);
    month++;
    if (month === 13) {
      month = 1;
      year++;
    }
  }
  return [...periods];
};
