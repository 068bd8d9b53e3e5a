import type { Scorecard } from './api';
import { metricName } from './catalogue';
import { render } from './charts';
import { repsOf, Snapshot, teamOf } from './data';
import { h } from './dom';
import { formatValue, scopeLabel } from './format';
import { t } from './i18n';
import { gauge, rankedCards, ranking, subScores } from './other-charts';
import { explainable } from './tiles';

export type Navigate = (path: string[]) => void;

/** Breadcrumb of the drill path: each step goes back up. */
export const renderBreadcrumb = (container: HTMLElement, path: readonly string[], navigate: Navigate): void => {
  container.replaceChildren(
    ...path.flatMap((scope, i) => {
      const last = i === path.length - 1;
      const label = scopeLabel(scope);
      const step = last
        ? h('span', { class: 'crumb current', 'aria-current': 'page', 'data-scope': scope }, label)
        : h('button', { class: 'crumb', type: 'button', 'data-scope': scope, onclick: () => navigate(path.slice(0, i + 1) as string[]) }, label);
      return i === 0 ? [step] : [h('span', { class: 'sep' }, '›'), step];
    }),
  );
};

/** Peers one level down (org → teams, team → its reps) or beside (a rep among its team). */
const peersOf = (snapshot: Snapshot, path: readonly string[]): { level: 'team' | 'rep'; cards: Scorecard[]; parent: string[] } => {
  const scope = path[path.length - 1];
  const withRoster = (cards: readonly Scorecard[], members: Set<string>) => {
    const known = cards.filter((c) => members.has(c.scope));
    const missing = [...members].filter((m) => !known.some((c) => c.scope === m)).map((scope) => ({ rank: null, scope, score: null, inputs: {} }));
    return [...known, ...missing];
  };
  if (scope.startsWith('team:')) return { level: 'rep', cards: withRoster(snapshot.repCards, repsOf(snapshot, scope)), parent: [...path] };
  if (scope.startsWith('rep:')) {
    const team = teamOf(snapshot, path, scope);
    const parent = team ? ['org', team] : ['org'];
    return { level: 'rep', cards: team ? withRoster(snapshot.repCards, repsOf(snapshot, team)) : [...snapshot.repCards], parent };
  }
  const teams = new Set([...snapshot.teamCards.map((c) => c.scope), ...snapshot.rosters.map((r) => r.team)]);
  return { level: 'team', cards: withRoster(snapshot.teamCards, teams), parent: ['org'] };
};

const COLUMNS = (level: 'team' | 'rep') => ['#', t(level), t('score'), ...['target_attainment', 'csat', 'win_rate', 'cost_of_sales_ratio'].map(metricName)];

const subValue = (card: Scorecard, key: string, unit: 'ratio') => formatValue(card.inputs.subScores?.[key]?.value ?? null, unit);

/** The scorecard table: rank, score and the inputs of the score; a row drills down. */
export const renderDrill = (container: HTMLElement, snapshot: Snapshot, path: readonly string[], navigate: Navigate): void => {
  const { level, cards, parent } = peersOf(snapshot, path);
  const current = path[path.length - 1];
  const rows = cards.map((card) =>
    h(
      'tr',
      {
        class: card.scope === current ? 'current' : '',
        'data-scope': card.scope,
        tabindex: 0,
        role: 'button',
        onclick: () => navigate(card.scope === current ? [...path] : [...parent, card.scope]),
        onkeydown: (e: Event) => (e as KeyboardEvent).key === 'Enter' && navigate([...parent, card.scope]),
      },
      h('td', { class: 'rank' }, card.rank === null ? '—' : String(card.rank)),
      h('td', { class: 'who' }, scopeLabel(card.scope, false)),
      h('td', { class: 'num strong' }, formatValue(card.score, 'score')),
      h('td', { class: 'num' }, subValue(card, 'target_attainment', 'ratio')),
      h('td', { class: 'num' }, subValue(card, 'csat', 'ratio')),
      h('td', { class: 'num' }, subValue(card, 'win_rate', 'ratio')),
      h('td', { class: 'num' }, subValue(card, 'cost_of_sales_ratio', 'ratio')),
    ),
  );
  container.replaceChildren(
    h('div', { class: 'card-head' }, h('h2', {}, level === 'team' ? t('teams') : t('reps')), h('span', { class: 'hint' }, t('drillHint'))),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'scorecard', 'data-level': level },
        h('thead', {}, h('tr', {}, ...COLUMNS(level).map((c) => h('th', {}, c)))),
        h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: 7, class: 'empty' }, t('noData')))),
      ),
    ),
  );
};

/** The composite: a gauge and sub-scores for a team or rep; for the organisation, its teams' scores by sub-score. */
export const renderComposite = (container: HTMLElement, snapshot: Snapshot, navigate: Navigate, live = false): void => {
  const view = snapshot.metrics.get('sales_management_score');
  if (!view) {
    const chart = h('div', { class: 'chart', style: 'height: 260px' });
    container.replaceChildren(h('div', { class: 'card-head' }, h('h2', {}, t('compositeOrg')), h('span', { class: 'hint' }, t('drillHint'))), chart);
    render(chart, { ...ranking(snapshot.teamCards, null, 8), animation: !live }, (p) => {
      const card = rankedCards(snapshot.teamCards, null, 8)[p.dataIndex];
      if (card) navigate(['org', card.scope]);
    });
    return;
  }
  const gaugeBox = h('div', { class: 'gauge' });
  const subsBox = h('div', { class: 'subs' });
  container.replaceChildren(
    h('div', { class: 'card-head' }, h('h2', {}, t('composite')), explainable(view, 'value-sm', `${formatValue(view.value, 'score')} / 100`)),
    h('div', { class: 'composite-body' }, gaugeBox, subsBox),
  );
  render(gaugeBox, { ...gauge(view.value), animation: !live });
  render(subsBox, { ...subScores(view.inputs.subScores as never), animation: !live });
};
