import { api, Change, Unit } from './api';
import { entry, metricName } from './catalogue';
import { inputsList } from './catalogue-view';
import { byId, h, replaceChildren } from './dom';
import { eventLabel, formatTime, formatValue, streamLabel, scopeLabel } from './format';
import { t } from './i18n';
import { periodLabel } from './periods';

const changeItem = (change: Change, unit: Unit, asOf: string | null) => {
  const later = asOf !== null && Date.parse(change.occurredAt) > Date.parse(asOf);
  return h(
    'li',
    { class: `change${later ? ' later' : ''}`, 'data-seq': change.seq, title: later ? t('later') : null },
    h('div', { class: 'when' }, formatTime(change.occurredAt)),
    h(
      'div',
      { class: 'what' },
      h('span', { class: 'from' }, formatValue(change.previousValue, unit, change.metric)),
      h('span', { class: 'to-arrow' }, '→'),
      h('strong', {}, formatValue(change.value, unit, change.metric)),
    ),
    h(
      'div',
      { class: 'cause' },
      `${t('causedBy')} `,
      h('strong', {}, streamLabel(change.causedBy.streamId)),
      ` · ${t('revision')} ${change.causedBy.revision}`,
      h('code', { title: change.causedBy.eventId }, change.causedBy.eventId.slice(0, 13)),
    ),
    // The other events of the same projection batch that changed what the formula read.
    change.alsoCausedBy?.length
      ? h('div', { class: 'cause also' }, `${t('alsoCausedBy')} `, ...change.alsoCausedBy.map((ref) => h('span', { class: 'event', title: ref.eventId }, eventLabel(ref))))
      : null,
    Object.keys(change.inputs).length ? h('details', {}, h('summary', {}, t('inputs')), inputsList(change.inputs)) : null,
  );
};

/** "Explain a number": the side panel with every change of a value and the event that caused it. */
export const openExplain = async (metric: string, scope: string, period: string, asOf: string | null): Promise<void> => {
  const drawer = byId('drawer');
  const list = h('div', { class: 'drawer-body' }, t('loading'));
  const close = () => {
    drawer.hidden = true;
    drawer.replaceChildren();
  };
  const definition = entry(metric);
  replaceChildren(
    drawer,
    h(
      'header',
      { class: 'drawer-head' },
      h('div', {}, h('p', { class: 'eyebrow' }, t('explainTitle')), h('h2', {}, metricName(metric)), h('p', { class: 'muted' }, `${scopeLabel(scope)} · ${periodLabel(period)}`)),
      h('button', { type: 'button', class: 'close', 'aria-label': t('close'), onclick: close }, '×'),
    ),
    definition ? h('p', { class: 'drawer-formula' }, h('strong', {}, `${t('formula')}: `), definition.formula) : null,
    asOf ? h('p', { class: 'drawer-note' }, t('historyAllRecorded')) : null,
    list,
  );
  drawer.hidden = false;
  drawer.focus();
  try {
    const history = await api.history(metric, scope, period);
    list.replaceChildren(history.changes.length === 0 ? h('p', { class: 'muted' }, t('noChanges')) : h('ol', { class: 'changes' }, history.changes.map((c) => changeItem(c, history.unit, asOf))));
  } catch (error) {
    list.replaceChildren(h('p', { class: 'error' }, `${t('error')}: ${(error as Error).message}`));
  }
};

export const closeExplain = (): void => {
  const drawer = byId('drawer');
  drawer.hidden = true;
};
