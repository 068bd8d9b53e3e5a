import { api, CatalogueEntry, Inputs, MetricView } from './api';
import { areaName, areas, catalogue } from './catalogue';
import { definedFor, Snapshot } from './data';
import { h } from './dom';
import { formatInput, scopeLabel } from './format';
import { named, t } from './i18n';
import { inputName } from './input-names';
import { deltaBadge, explainable } from './tiles';

const HIDDEN_INPUTS = new Set(['subScores', 'used', 'leftOut', 'percentileOf']);

/** A formula's inputs as "name value" pairs: what the number was computed from. */
export const inputsList = (inputs: Inputs) =>
  h(
    'dl',
    { class: 'inputs' },
    Object.entries(inputs)
      .filter(([key]) => !HIDDEN_INPUTS.has(key))
      .flatMap(([key, value]) => [h('dt', {}, inputName(key)), h('dd', {}, formatInput(key, value))]),
  );

const nameCell = (definition: CatalogueEntry) =>
  h(
    'div',
    { class: 'metric-name' },
    h('span', {}, named(definition, definition.id)),
    h('span', { class: 'formula', tabindex: 0, 'data-formula': `${t('formula')}: ${definition.formula}`, 'aria-label': definition.formula }, 'ƒ'),
    h('small', { class: 'metric-id' }, definition.id),
  );

/** A metric not defined for the viewed scope: its values by scope, loaded when asked for. */
const byScope = (definition: CatalogueEntry, snapshot: Snapshot) => {
  const holder = h('div', { class: 'by-scope' });
  const button = h('button', { type: 'button', class: 'link' }, t('showByScope'));
  button.addEventListener('click', async () => {
    holder.replaceChildren(t('loading'));
    try {
      const views = (await api.metrics(snapshot.period, null, snapshot.asOf, definition.id)).filter((v) => v.value !== null).slice(0, 24);
      holder.replaceChildren(
        views.length === 0 ? t('noData') : h('ul', { class: 'scope-values' }, views.map((v) => h('li', {}, h('span', {}, scopeLabel(v.scope)), explainable(v, 'value-sm')))),
      );
    } catch {
      holder.replaceChildren(t('error'));
    }
  });
  return h('div', { class: 'not-here' }, h('span', { class: 'muted' }, `${t('notMeasured')} (${definition.scopes.join(', ')})`), button, holder);
};

const row = (definition: CatalogueEntry, view: MetricView | undefined, snapshot: Snapshot) =>
  h(
    'div',
    { class: 'metric-row', 'data-metric': definition.id },
    nameCell(definition),
    view
      ? h('div', { class: 'metric-value' }, explainable(view, 'value-md'), view.value === null && view.delta === null ? null : deltaBadge(view))
      : definedFor(definition, snapshot.scope)
        ? h('div', { class: 'metric-value muted' }, '—')
        : byScope(definition, snapshot),
    view ? inputsList(view.inputs) : null,
  );

/** Every metric of the catalogue, grouped by area, with formula on hover and the inputs shown. */
export const renderCatalogue = (container: HTMLElement, snapshot: Snapshot): void => {
  const groups = areas().map((area) =>
    h(
      'section',
      { class: 'card area', 'data-area': area },
      h('div', { class: 'card-head' }, h('h2', {}, areaName(area))),
      catalogue()
        .filter((d) => d.area === area)
        .map((d) => row(d, snapshot.metrics.get(d.id), snapshot)),
    ),
  );
  container.replaceChildren(h('h2', { class: 'section-title' }, t('allMetrics')), h('div', { class: 'areas' }, groups));
};

/** Re-formats one metric's row in place after a live change (no full re-render). */
export const updateCatalogueRow = (container: HTMLElement, view: MetricView, snapshot: Snapshot): void => {
  const definition = catalogue().find((d) => d.id === view.metric);
  const current = container.querySelector(`.metric-row[data-metric="${view.metric}"]`);
  if (definition && current) current.replaceWith(row(definition, view, snapshot));
};

