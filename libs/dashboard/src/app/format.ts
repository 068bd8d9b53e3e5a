import type { Direction, Unit } from './api';
import { lang, locale, named, t } from './i18n';
import { inputName } from './input-names';

/** The tenant's base currency (BASE_CURRENCY, from GET /settings; CNY until it is read). */
let currency = 'CNY';
export const useCurrency = (code: string): void => {
  currency = code;
};
const NONE = '—';

const number = (value: number, digits = 1): string => new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(value);

export const money = (value: number): string =>
  new Intl.NumberFormat(locale(), {
    style: 'currency',
    currency,
    currencyDisplay: 'narrowSymbol',
    notation: Math.abs(value) >= 10_000 ? 'compact' : 'standard',
    maximumFractionDigits: Math.abs(value) >= 10_000 ? 2 : 0,
  }).format(value);

const suffix = (en: string, zh: string) => (lang() === 'zh' ? zh : en);

/** A metric value for people: fractions as 42 %, money compact in the base currency, units spelled out. */
export const formatValue = (value: number | null | undefined, unit: Unit, metric = ''): string => {
  if (value === null || value === undefined) return NONE;
  switch (unit) {
    case 'ratio':
      if (metric === 'pipeline_coverage') return `${number(value, 2)}×`;
      return `${number(value * 100, Math.abs(value) < 0.1 ? 2 : 1)} %`;
    case 'score':
      return number(value, 1);
    case 'nps':
      return `${value > 0 ? '+' : ''}${number(value, 1)}`;
    case 'hours':
      return `${number(value, 1)} ${suffix('h', '小时')}`;
    case 'days':
      return `${number(value, 1)} ${suffix('days', '天')}`;
    case 'count':
      return number(value, 1);
    case 'money':
      return money(value);
    case 'money_per_day':
      return `${money(value)}${suffix('/day', '/天')}`;
    case 'per_rep':
      return `${metric === 'revenue_per_rep' ? money(value) : number(value, 1)}${suffix(' /rep', ' /人')}`;
  }
};

/** A period-over-period change: percentage points for fractions, the metric's own unit otherwise. */
export const formatDelta = (delta: number | null, unit: Unit, metric = ''): string => {
  if (delta === null) return NONE;
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  const size = Math.abs(delta);
  if (unit === 'ratio' && metric === 'pipeline_coverage') return `${sign}${number(size, 2)}×`;
  if (unit === 'ratio') return `${sign}${number(size * 100, 1)} ${suffix('pp', '个百分点')}`;
  return `${sign}${formatValue(size, unit, metric).replace(/^\+/, '')}`;
};

export type Tone = 'good' | 'bad' | 'flat';

/** Whether a change is good news, by the metric's direction. */
export const toneOf = (delta: number | null, direction: Direction): Tone => {
  if (delta === null || delta === 0 || direction === 'neutral') return 'flat';
  return (delta > 0) === (direction === 'higher') ? 'good' : 'bad';
};

export const arrow = (delta: number | null): string => (delta === null || delta === 0 ? '•' : delta > 0 ? '▲' : '▼');

/** `team:north-east` → "North east"; ids that are codes stay as they are. */
export const prettyId = (id: string): string => {
  const words = id.replace(/[_-]+/g, ' ').trim();
  return /^[a-z]/.test(words) && !/\d{3,}|[0-9a-f]{8}/.test(words) ? words[0].toUpperCase() + words.slice(1) : id;
};

/** `deals.deal-d3` → "Deal d3": the aggregate whose event changed the number. */
const AGGREGATES: Record<string, { zh: string; en: string }> = {
  deal: { zh: '商机', en: 'Deal' },
  target: { zh: '目标', en: 'Target' },
  forecast: { zh: '预测', en: 'Forecast' },
  market: { zh: '市场规模', en: 'Market size' },
  customer: { zh: '客户', en: 'Customer' },
  expense: { zh: '费用', en: 'Expense' },
  budget: { zh: '预算', en: 'Budget' },
  rep: { zh: '销售', en: 'Rep' },
  program: { zh: '培训项目', en: 'Programme' },
};

export const streamLabel = (streamId: string): string => {
  const match = /^([a-z]+)\.([a-z]+)-(.+)$/.exec(streamId);
  if (!match) return streamId;
  const name = AGGREGATES[match[2]];
  return `${named(name, prettyId(match[2]))} ${match[3]}`;
};

/** An event as a person reads it: "Deal d3 · revision 2". */
export const eventLabel = (ref: { readonly streamId: string; readonly revision: number }): string => `${streamLabel(ref.streamId)} · ${t('revision')} ${ref.revision}`;

/** A scope for people: "Team North", "销售 Ann", "全公司". */
export const scopeLabel = (scope: string, withKind = true): string => {
  if (scope === 'org') return t('org');
  const colon = scope.indexOf(':');
  const kind = scope.slice(0, colon) as 'team' | 'rep' | 'region' | 'channel' | 'segment';
  const name = prettyId(scope.slice(colon + 1));
  return withKind ? `${t(kind)} ${name}` : name;
};

/** An instant in the viewer's time zone, named (the time-travel input is in local time too). */
export const formatTime = (iso: string): string =>
  new Intl.DateTimeFormat(locale(), { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short' }).format(new Date(iso));

const MONEY_KEY = /revenue|amount|pipeline|expenses?$|budget|cost|target$|gap|marketing|travel|entertainment|size$/i;
const RATIO_KEY = /utilisation|rate$|share$|ratio$|margin$|percentile$/i;

/** Input values: money and fractions by their key, lists and nested objects spelled out, never raw JSON. */
export const formatInput = (key: string, value: unknown, depth = 0): string => {
  if (value === null || value === undefined) return NONE;
  if (typeof value === 'number') {
    if (RATIO_KEY.test(key) && Math.abs(value) <= 10) return formatValue(value, 'ratio');
    return MONEY_KEY.test(key) && Math.abs(value) >= 1000 ? money(value) : number(value, 2);
  }
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return value.map((item) => formatInput(key, item, depth + 1)).join(', ');
  const entries = Object.entries(value as Record<string, unknown>);
  if (depth > 0) return entries.map(([k, v]) => formatInput(k, v, depth + 1)).join(' ');
  return entries.map(([k, v]) => `${k} ${typeof v === 'object' && v !== null ? `(${Object.entries(v).map(([k2, v2]) => `${inputName(k2)} ${formatInput(k2, v2, 1)}`).join(', ')})` : formatInput(k, v, 1)}`).join(' · ');
};
