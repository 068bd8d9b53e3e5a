import { h } from './dom';
import { formatTime } from './format';
import { Lang, lang, t } from './i18n';
import { convert, kindOf, PeriodKind, periodLabel, shift } from './periods';
import type { Store } from './state';

const KINDS: PeriodKind[] = ['month', 'quarter', 'year'];

/** `2026-06-30T12:00:05` (the input's local time, to the second) → the end of that second, as ISO. */
const toAsOf = (local: string): string | null => {
  const time = Date.parse(local.length === 16 ? `${local}:00` : local);
  return Number.isNaN(time) ? null : new Date(time + 999).toISOString();
};

const toLocalInput = (iso: string): string => {
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 19);
};

/** The top bar: period (kind, back, forward), time travel, language, and the live indicator's slot. */
export const renderControls = (container: HTMLElement, store: Store, onLang: (next: Lang) => void): void => {
  const { period, asOf } = store.get();
  const kind = kindOf(period);
  const segmented = h(
    'div',
    { class: 'segmented', role: 'group' },
    KINDS.map((k) =>
      h('button', { type: 'button', class: k === kind ? 'on' : '', 'aria-pressed': String(k === kind), 'data-kind': k, onclick: () => store.update({ period: convert(period, k) }) }, t(k)),
    ),
  );
  const stepper = h(
    'div',
    { class: 'stepper' },
    h('button', { type: 'button', 'aria-label': '‹', 'data-step': '-1', onclick: () => store.update({ period: shift(period, -1) }) }, '‹'),
    h('span', { class: 'period', id: 'period-label', 'data-period': period }, periodLabel(period)),
    h('button', { type: 'button', 'aria-label': '›', 'data-step': '1', onclick: () => store.update({ period: shift(period, 1) }) }, '›'),
  );
  const input = h('input', { type: 'datetime-local', step: 1, id: 'as-of', value: asOf ? toLocalInput(asOf) : '', 'aria-label': t('asOf') });
  const travel = h(
    'form',
    { class: `travel${asOf ? ' active' : ''}` },
    h('label', { for: 'as-of' }, t('asOf')),
    input,
    h('button', { type: 'submit', id: 'as-of-apply' }, t('view')),
  );
  travel.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = toAsOf(input.value);
    if (next) store.update({ asOf: next });
  });
  const languages = h(
    'div',
    { class: 'segmented lang', role: 'group' },
    (['zh', 'en'] as Lang[]).map((l) =>
      h('button', { type: 'button', class: l === lang() ? 'on' : '', 'aria-pressed': String(l === lang()), 'data-lang': l, onclick: () => onLang(l) }, l === 'zh' ? '中文' : 'EN'),
    ),
  );
  container.replaceChildren(segmented, stepper, travel, languages, h('span', { id: 'live', class: 'live' }));
};

/** The historical-view banner: unmistakable, with the instant and the way back. */
export const renderBanner = (banner: HTMLElement, store: Store): void => {
  const { asOf } = store.get();
  banner.hidden = asOf === null;
  document.body.classList.toggle('historical', asOf !== null);
  if (asOf === null) return banner.replaceChildren();
  banner.replaceChildren(
    h('span', { class: 'banner-tag' }, t('historical')),
    h('span', {}, t('historicalBanner', formatTime(asOf))),
    h('button', { type: 'button', onclick: () => store.update({ asOf: null }) }, t('backToLive')),
  );
};
