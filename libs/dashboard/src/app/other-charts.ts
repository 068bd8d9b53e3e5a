import type { MetricView, Pipeline, Scorecard, SubScore } from './api';
import { base, categoryAxis, ChartOption, empty, FONT, GRID_LINE, INK, MUTED, PALETTE, valueAxis } from './charts';
import { metricName } from './catalogue';
import { formatValue, money, scopeLabel } from './format';
import { named, STAGES, t } from './i18n';

const percent = (v: number) => `${Math.round(v * 100)}%`;

/** Market share per segment (bars, best first), with the organisation's share as a line. */
export const marketBySegment = (market: readonly MetricView[]): ChartOption => {
  const segments = market.filter((m) => m.scope.startsWith('segment:') && m.value !== null).sort((a, b) => (a.value ?? 0) - (b.value ?? 0));
  if (segments.length === 0) return empty();
  const org = market.find((m) => m.scope === 'org')?.value ?? null;
  return base({
    grid: { left: 8, right: 40, top: 16, bottom: 8, containLabel: true },
    legend: { show: false },
    tooltip: {
      trigger: 'item',
      formatter: (p: { dataIndex: number }) => {
        const m = segments[p.dataIndex];
        return `<b>${scopeLabel(m.scope)}</b><br/>${formatValue(m.value, 'ratio')} · ${money(Number(m.inputs.wonRevenue ?? 0))} / ${money(Number(m.inputs.marketRevenue ?? 0))}`;
      },
    },
    xAxis: valueAxis(percent, { min: 0 }),
    yAxis: categoryAxis(segments.map((m) => scopeLabel(m.scope, false))),
    series: [
      {
        type: 'bar',
        data: segments.map((m) => m.value),
        barMaxWidth: 22,
        itemStyle: { color: PALETTE[0], borderRadius: [0, 4, 4, 0] },
        label: { show: true, position: 'right', color: INK, formatter: (p: { value: number }) => formatValue(p.value, 'ratio') },
        markLine:
          org === null
            ? undefined
            : { silent: true, symbol: 'none', data: [{ xAxis: org }], lineStyle: { color: PALETTE[2], type: 'dashed' }, label: { formatter: `${t('org')} ${formatValue(org, 'ratio')}`, color: PALETTE[2] } },
      },
    ],
  });
};

const FUNNEL_COLOURS = ['#1f4fb5', '#2f6fde', '#3f7fe0', '#5b8fd6', '#1a8a5a'];

/** The funnel: deals that reached each stage (open or lost at it or beyond, or won), by count. */
export const funnel = (pipeline: Pipeline | null): ChartOption => {
  if (!pipeline) return empty();
  const levels = [...pipeline.stages.map((s) => s.stage), 'won'];
  const reached = levels.map((_, i) => {
    const beyond = pipeline.stages.slice(i);
    const deals = beyond.reduce((n, s) => n + s.open.deals + s.lost.deals, 0) + pipeline.won.deals;
    const amount = beyond.reduce((n, s) => n + s.open.amount + s.lost.amount, 0) + pipeline.won.amount;
    return { deals, amount };
  });
  if (reached[0].deals === 0) return empty();
  return base({
    legend: { show: false },
    tooltip: {
      trigger: 'item',
      formatter: (p: { dataIndex: number; name: string }) => {
        const stage = pipeline.stages[p.dataIndex];
        const here = stage ? `<br/>${t('open')}: ${stage.open.deals} · ${money(stage.open.amount)}<br/>${t('lost')}: ${stage.lost.deals} · ${money(stage.lost.amount)}` : '';
        return `<b>${p.name}</b><br/>${reached[p.dataIndex].deals} ${t('deals')} · ${money(reached[p.dataIndex].amount)}${here}`;
      },
    },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: '8%',
        right: '8%',
        top: 8,
        bottom: 8,
        minSize: '18%',
        gap: 3,
        data: levels.map((stage, i) => ({ name: named(STAGES[stage], stage), value: reached[i].deals, itemStyle: { color: FUNNEL_COLOURS[i] } })),
        label: { show: true, position: 'inside', color: '#fff', fontFamily: FONT, formatter: (p: { name: string; dataIndex: number }) => `${p.name}  ${reached[p.dataIndex].deals} · ${money(reached[p.dataIndex].amount)}` },
      },
    ],
  });
};

const SUB_SCORES = ['target_attainment', 'csat', 'win_rate', 'market_or_revenue_percentile', 'cost_of_sales_ratio'] as const;
export const subScoreName = (key: string): string => (key === 'market_or_revenue_percentile' ? t('percentile') : metricName(key));

/** The best `limit` peers with a score, bottom first (as a bar chart draws them); the highlighted one always among them. */
export const rankedCards = (cards: readonly Scorecard[], highlight: string | null, limit = 12): Scorecard[] => {
  const scored = cards.filter((c) => c.score !== null);
  const top = scored.slice(0, limit);
  const own = highlight ? scored.find((c) => c.scope === highlight) : undefined;
  if (own && !top.includes(own)) top[top.length - 1] = own;
  return top.reverse();
};

/** Ranked peers as stacked bars: each segment is a sub-score's weighted contribution, so the bar is the score. */
export const ranking = (cards: readonly Scorecard[], highlight: string | null, limit = 12): ChartOption => {
  const shown = rankedCards(cards, highlight, limit);
  if (shown.length === 0) return empty();
  const contribution = (card: Scorecard, key: string) => {
    const sub: SubScore | undefined = card.inputs.subScores?.[key];
    return sub && sub.subScore !== null ? Math.round(sub.subScore * sub.weight * 10) / 10 : 0;
  };
  return base({
    grid: { left: 8, right: 44, top: 44, bottom: 8, containLabel: true },
    legend: { top: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 8, textStyle: { color: MUTED, fontSize: 11 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: valueAxis((v) => `${v}`, { min: 0, max: 100 }),
    yAxis: categoryAxis(
      shown.map((c) => `${c.rank}. ${scopeLabel(c.scope, false)}`),
      { axisLabel: { color: INK, formatter: (v: string) => v, fontWeight: 500 } },
    ),
    series: SUB_SCORES.map((key, i) => ({
      name: subScoreName(key),
      type: 'bar',
      stack: 'score',
      barMaxWidth: 18,
      data: shown.map((c) => ({ value: contribution(c, key), itemStyle: { opacity: highlight && c.scope !== highlight ? 0.45 : 1 } })),
      itemStyle: { color: PALETTE[i] },
      label:
        i === SUB_SCORES.length - 1
          ? { show: true, position: 'right', color: INK, fontWeight: 600, formatter: (p: { dataIndex: number }) => formatValue(shown[p.dataIndex].score, 'score') }
          : undefined,
    })),
  });
};

/** The composite score of one team or rep as a gauge. */
export const gauge = (score: number | null): ChartOption => ({
  series: [
    {
      type: 'gauge',
      startAngle: 210,
      endAngle: -30,
      min: 0,
      max: 100,
      radius: '92%',
      center: ['50%', '58%'],
      progress: { show: true, width: 14, roundCap: true, itemStyle: { color: score === null ? GRID_LINE : score >= 70 ? '#1a8a5a' : score >= 50 ? '#f2a93b' : '#d64545' } },
      axisLine: { lineStyle: { width: 14, color: [[1, GRID_LINE]] }, roundCap: true },
      axisTick: { show: false },
      splitLine: { show: false },
      axisLabel: { show: false },
      pointer: { show: false },
      anchor: { show: false },
      title: { show: false },
      detail: { valueAnimation: true, offsetCenter: [0, '0%'], fontSize: 34, fontWeight: 700, fontFamily: FONT, color: INK, formatter: (v: number) => (score === null ? '—' : v.toFixed(1)) },
      data: [{ value: score ?? 0 }],
    },
  ],
});

/** Each sub-score (0–100) with its weight, as bars. */
export const subScores = (subs: Record<string, SubScore> | undefined): ChartOption => {
  if (!subs) return empty();
  const keys = SUB_SCORES.filter((k) => subs[k]).reverse();
  return base({
    grid: { left: 8, right: 40, top: 4, bottom: 4, containLabel: true },
    legend: { show: false },
    tooltip: { trigger: 'item', formatter: (p: { dataIndex: number }) => `${subScoreName(keys[p.dataIndex])}: ${subs[keys[p.dataIndex]].subScore?.toFixed(1) ?? '—'}` },
    xAxis: valueAxis((v) => `${v}`, { min: 0, max: 100, show: false }),
    yAxis: categoryAxis(keys.map((k) => `${subScoreName(k)} · ${Math.round(subs[k].weight * 100)}%`), { axisLabel: { color: MUTED, fontSize: 11 } }),
    series: [
      {
        type: 'bar',
        barMaxWidth: 12,
        showBackground: true,
        backgroundStyle: { color: '#f1f4f8', borderRadius: 6 },
        data: keys.map((k) => ({ value: subs[k].subScore ?? 0, itemStyle: { color: subs[k].subScore === null ? GRID_LINE : PALETTE[SUB_SCORES.indexOf(k)], borderRadius: 6 } })),
        label: { show: true, position: 'right', color: INK, formatter: (p: { dataIndex: number }) => subs[keys[p.dataIndex]].subScore?.toFixed(0) ?? '—' },
      },
    ],
  });
};
