import { ChartOption, render } from './charts';
import { repsOf, Snapshot, teamOf } from './data';
import { h } from './dom';
import { scopeLabel } from './format';
import { t } from './i18n';
import { funnel, marketBySegment, rankedCards, ranking } from './other-charts';
import { periodLabel } from './periods';
import type { Navigate } from './scorecard-view';
import { costControl, satisfaction, targetVsWon, winRateAndCycle } from './trend-charts';

type TitleKey = 'chartTarget' | 'chartWinRate' | 'chartSatisfaction' | 'chartCost' | 'chartMarket' | 'chartFunnel' | 'chartTeams' | 'chartReps';

interface Panel {
  readonly id: string;
  readonly title: TitleKey;
  readonly option: (s: Snapshot) => ChartOption;
  readonly caption: (s: Snapshot) => string;
  readonly onClick?: (s: Snapshot, index: number) => void;
}

const trendCaption = (s: Snapshot) => `${scopeLabel(s.scope)} · ${periodLabel(s.trend[0].period)} – ${periodLabel(s.period)}`;
const periodCaption = (s: Snapshot) => `${scopeLabel(s.scope)} · ${periodLabel(s.period)}`;

/** The reps a ranking shows: the team's (in a team or rep view), else everyone's. */
const repCards = (s: Snapshot, path: readonly string[]) => {
  const team = s.scope.startsWith('team:') ? s.scope : s.scope.startsWith('rep:') ? teamOf(s, path, s.scope) : null;
  if (!team) return s.repCards;
  const members = repsOf(s, team);
  return s.repCards.filter((c) => members.has(c.scope));
};

const panels = (path: readonly string[], navigate: Navigate): Panel[] => {
  const teamOfPath = path.find((p) => p.startsWith('team:'));
  return [
    { id: 'chart-target', title: 'chartTarget', option: targetVsWon, caption: trendCaption },
    { id: 'chart-winrate', title: 'chartWinRate', option: winRateAndCycle, caption: trendCaption },
    { id: 'chart-satisfaction', title: 'chartSatisfaction', option: satisfaction, caption: trendCaption },
    { id: 'chart-cost', title: 'chartCost', option: costControl, caption: trendCaption },
    {
      id: 'chart-market',
      title: 'chartMarket',
      option: (s) => marketBySegment(s.market),
      caption: (s) => `${t('org')} · ${periodLabel(s.period)}`,
      onClick: (s, i) => {
        const segments = s.market.filter((m) => m.scope.startsWith('segment:') && m.value !== null).sort((a, b) => (a.value ?? 0) - (b.value ?? 0));
        if (segments[i]) navigate(['org', segments[i].scope]);
      },
    },
    { id: 'chart-funnel', title: 'chartFunnel', option: (s) => funnel(s.pipeline), caption: periodCaption },
    {
      id: 'chart-teams',
      title: 'chartTeams',
      option: (s) => ranking(s.teamCards, teamOfPath ?? null),
      caption: (s) => periodLabel(s.period),
      onClick: (s, i) => {
        const card = rankedCards(s.teamCards, teamOfPath ?? null)[i];
        if (card) navigate(['org', card.scope]);
      },
    },
    {
      id: 'chart-reps',
      title: 'chartReps',
      option: (s) => ranking(repCards(s, path), s.scope.startsWith('rep:') ? s.scope : null),
      caption: (s) => `${teamOfPath ? scopeLabel(teamOfPath) : t('org')} · ${periodLabel(s.period)}`,
      onClick: (s, i) => {
        const card = rankedCards(repCards(s, path), s.scope.startsWith('rep:') ? s.scope : null)[i];
        const team = card && teamOf(s, [], card.scope);
        if (card) navigate(team ? ['org', team, card.scope] : ['org', card.scope]);
      },
    },
  ];
};

/** Every chart of the view; cards are made once and their charts updated in place. */
export const renderCharts = (container: HTMLElement, snapshot: Snapshot, path: readonly string[], navigate: Navigate, live = false): void => {
  for (const panel of panels(path, navigate)) {
    let card = container.querySelector<HTMLElement>(`#${panel.id}`);
    if (!card) {
      card = h('section', { class: 'card chart-card', id: panel.id }, h('div', { class: 'card-head' }, h('h2', {}), h('span', { class: 'hint' })), h('div', { class: 'chart' }));
      container.append(card);
    }
    card.querySelector('h2')!.textContent = t(panel.title);
    card.querySelector('.hint')!.textContent = panel.caption(snapshot);
    const onClick = panel.onClick;
    render(card.querySelector<HTMLElement>('.chart')!, { ...panel.option(snapshot), animation: !live }, onClick ? (p) => onClick(snapshot, p.dataIndex) : undefined);
  }
};
