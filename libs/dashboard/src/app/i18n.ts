import { en, Strings, zh } from './strings';

/** 中文 / English: the choice is remembered in localStorage; metric names come from the catalogue. */
export type Lang = 'zh' | 'en';

const STORAGE_KEY = 'quotient.lang';

export const AREAS: Record<string, { zh: string; en: string }> = {
  target: { zh: '销售目标达成', en: 'Target achievement' },
  satisfaction: { zh: '客户满意度', en: 'Customer satisfaction' },
  efficiency: { zh: '销售团队效率', en: 'Team efficiency' },
  market: { zh: '市场占有率', en: 'Market share' },
  cost: { zh: '销售成本控制', en: 'Cost control' },
  lifecycle: { zh: '客户生命周期', en: 'Customer lifecycle' },
  forecast: { zh: '销售预测', en: 'Forecasting' },
  channel: { zh: '销售渠道', en: 'Channels' },
  risk: { zh: '风险', en: 'Risk' },
  training: { zh: '销售培训与发展', en: 'Training and development' },
  composite: { zh: '综合评价', en: 'Composite' },
};

export const STAGES: Record<string, { zh: string; en: string }> = {
  prospecting: { zh: '初步接触', en: 'Prospecting' },
  qualification: { zh: '需求确认', en: 'Qualification' },
  proposal: { zh: '方案报价', en: 'Proposal' },
  negotiation: { zh: '商务谈判', en: 'Negotiation' },
  won: { zh: '赢单', en: 'Won' },
};

/** The remembered choice, else the browser's language. */
const detect = (): Lang => {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (value === 'zh' || value === 'en') return value;
  } catch {
    // storage disabled: fall back to the browser's language
  }
  return globalThis.navigator?.language?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
};

let current: Lang | undefined;

export const lang = (): Lang => (current ??= detect());
export const locale = (): string => (lang() === 'zh' ? 'zh-CN' : 'en-GB');

export const setLang = (next: Lang): void => {
  current = next;
  globalThis.localStorage?.setItem(STORAGE_KEY, next);
  if (globalThis.document) document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
};

/** A UI string, with `{0}`, `{1}` … filled in. */
export const t = (key: keyof Strings, ...args: string[]): string =>
  args.reduce((text, arg, i) => text.replace(`{${i}}`, arg), (lang() === 'zh' ? zh : en)[key]);

/** A bilingual name (metric, area, stage) in the current language. */
export const named = (name: { zh: string; en: string } | undefined, fallback = ''): string => (name ? name[lang()] : fallback);
