import { lang } from './i18n';

/** Periods as the API spells them: `2026-11` (month), `2026-Q4` (quarter), `2026` (year). */
export type PeriodKind = 'month' | 'quarter' | 'year';

export const kindOf = (period: string): PeriodKind => (period.length === 4 ? 'year' : period.includes('Q') ? 'quarter' : 'month');

/** Index of a period on its own scale (months, quarters or years since year 0), and back. */
const ordinal = (period: string): number => {
  const year = Number(period.slice(0, 4));
  const kind = kindOf(period);
  if (kind === 'year') return year;
  return kind === 'quarter' ? year * 4 + Number(period.slice(6)) - 1 : year * 12 + Number(period.slice(5, 7)) - 1;
};

const fromOrdinal = (n: number, kind: PeriodKind): string => {
  if (kind === 'year') return String(n);
  if (kind === 'quarter') return `${Math.floor(n / 4)}-Q${(n % 4) + 1}`;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
};

export const shift = (period: string, by: number): string => fromOrdinal(ordinal(period) + by, kindOf(period));

export const containing = (date: Date, kind: PeriodKind): string => {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  if (kind === 'year') return String(year);
  if (kind === 'quarter') return `${year}-Q${Math.floor(month / 3) + 1}`;
  return `${year}-${String(month + 1).padStart(2, '0')}`;
};

/** First instant and last-exclusive instant of a period. */
export const bounds = (period: string): { start: Date; end: Date } => {
  const year = Number(period.slice(0, 4));
  const kind = kindOf(period);
  const firstMonth = kind === 'year' ? 0 : kind === 'quarter' ? (Number(period.slice(6)) - 1) * 3 : Number(period.slice(5, 7)) - 1;
  const months = kind === 'year' ? 12 : kind === 'quarter' ? 3 : 1;
  return { start: new Date(Date.UTC(year, firstMonth, 1)), end: new Date(Date.UTC(year, firstMonth + months, 1)) };
};

/** The same moment on another scale: the period of that kind containing `now`, or the end of the period when it is over. */
export const convert = (period: string, kind: PeriodKind, now = new Date()): string => {
  const { start, end } = bounds(period);
  const at = now < start ? start : now >= end ? new Date(end.getTime() - 1) : now;
  return containing(at, kind);
};

/** The periods a trend chart shows, oldest first, ending with `period`. */
export const trendOf = (period: string): string[] => {
  const count = { month: 12, quarter: 6, year: 4 }[kindOf(period)];
  return Array.from({ length: count }, (_, i) => shift(period, i - count + 1));
};

export const periodLabel = (period: string, short = false): string => {
  const year = period.slice(0, 4);
  const zh = lang() === 'zh';
  switch (kindOf(period)) {
    case 'year':
      return zh ? `${year}年` : year;
    case 'quarter':
      return zh ? (short ? `${year.slice(2)}年Q${period.slice(6)}` : `${year}年第${period.slice(6)}季度`) : `Q${period.slice(6)} ${short ? `'${year.slice(2)}` : year}`;
    default: {
      const month = Number(period.slice(5, 7));
      if (zh) return short ? `${month}月` : `${year}年${month}月`;
      const name = new Date(Date.UTC(2000, month - 1, 1)).toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
      return short ? name : `${name} ${year}`;
    }
  }
};
