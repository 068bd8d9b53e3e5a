import type { MetricView } from './api';
import { areaName, entry, metricName } from './catalogue';
import type { Snapshot } from './data';
import { h } from './dom';
import { arrow, formatDelta, formatValue, money, toneOf } from './format';
import { t } from './i18n';
import { periodLabel } from './periods';

/** The five core areas (METRICS.md §1–5): a headline metric and a few companions each. */
const TILES = [
  { area: 'target', metric: 'target_attainment', more: ['won_deals_attainment', 'pipeline_coverage'] },
  { area: 'satisfaction', metric: 'csat', more: ['nps', 'open_complaints'] },
  { area: 'efficiency', metric: 'win_rate', more: ['avg_sales_cycle_days', 'avg_deal_size'] },
  { area: 'market', metric: 'market_share', more: [] },
  { area: 'cost', metric: 'cost_of_sales_ratio', more: ['budget_utilisation', 'cac'] },
] as const;

/** A value that explains itself on click (its change history). */
export const explainable = (view: MetricView, className: string, text = formatValue(view.value, view.unit, view.metric)) =>
  h('button', { class: className, type: 'button', 'data-explain': '', 'data-metric': view.metric, 'data-scope': view.scope, 'data-period': view.period, title: t('explainHint') }, text);

export const deltaBadge = (view: MetricView) => {
  const tone = toneOf(view.delta, view.direction);
  return h(
    'div',
    { class: `delta ${tone}`, 'data-tone': tone },
    h('span', { class: 'arrow' }, arrow(view.delta)),
    h('span', {}, formatDelta(view.delta, view.unit, view.metric)),
    h('span', { class: 'vs' }, `${t('vs')} ${periodLabel(view.previousPeriod)}`),
  );
};

const companion = (view: MetricView | undefined) =>
  view ? h('li', {}, h('span', { class: 'label' }, metricName(view.metric)), explainable(view, 'value-sm')) : null;

/** "Won ¥872k of ¥1m target" under target attainment; "… of a ¥15m market" under market share. */
const detailLine = (view: MetricView) => {
  const { wonRevenue, target, marketRevenue } = view.inputs;
  const whole = view.metric === 'market_share' ? marketRevenue : target;
  if (typeof wonRevenue !== 'number' || view.value === null) return null;
  const of = typeof whole === 'number' && whole > 0 ? t(view.metric === 'market_share' ? 'ofMarket' : 'ofTarget', money(whole)) : '';
  return h('p', { class: 'detail' }, `${t('won')} ${money(wonRevenue)}${of}`);
};

const tile = (snapshot: Snapshot, spec: (typeof TILES)[number]) => {
  let view = snapshot.metrics.get(spec.metric);
  let note: string | null = null;
  if (!view && spec.metric === 'market_share') {
    // Market share has no team or rep value: show the organisation's, labelled as such.
    view = snapshot.market.find((m) => m.scope === 'org');
    note = t('orgWide');
  }
  const definition = entry(spec.metric);
  const tone = view ? toneOf(view.delta, view.direction) : 'flat';
  return h(
    'article',
    { class: `tile tone-${tone}`, 'data-area': spec.area, 'data-metric': spec.metric, title: definition ? `${t('formula')}: ${definition.formula}` : null },
    h('header', {}, h('span', { class: 'area' }, areaName(spec.area)), note ? h('span', { class: 'note' }, note) : null),
    h('div', { class: 'name' }, metricName(spec.metric)),
    view ? explainable(view, 'value') : h('div', { class: 'value muted' }, '—'),
    view ? deltaBadge(view) : h('div', { class: 'delta flat' }, t('notMeasured')),
    view ? detailLine(view) : null,
    view?.value === null && typeof view.inputs.reason === 'string' ? h('p', { class: 'reason' }, view.inputs.reason) : null,
    h('ul', { class: 'more' }, spec.more.map((id) => companion(snapshot.metrics.get(id)))),
  );
};

export const renderTiles = (container: HTMLElement, snapshot: Snapshot): void => {
  container.replaceChildren(...TILES.map((spec) => tile(snapshot, spec)));
};
