import type { MetricView } from './api';
import { base, BAD, categoryAxis, ChartOption, empty, GOOD, PALETTE, valueAxis } from './charts';
import type { Snapshot } from './data';
import { metricName } from './catalogue';
import { formatValue, money } from './format';
import { t } from './i18n';
import { periodLabel } from './periods';

type Picker = (metrics: Map<string, MetricView>) => number | null;

const input = (metric: string, key: string): Picker => (m) => {
  const value = m.get(metric)?.inputs[key];
  return typeof value === 'number' ? value : null;
};
const valueOf = (metric: string): Picker => (m) => m.get(metric)?.value ?? null;
const firstOf = (...pickers: Picker[]): Picker => (m) => pickers.map((p) => p(m)).find((v) => v !== null) ?? null;

const series = (snapshot: Snapshot, pick: Picker) => snapshot.trend.map(({ metrics }) => pick(metrics));
const labels = (snapshot: Snapshot) => snapshot.trend.map(({ period }) => periodLabel(period, true));
const allEmpty = (...columns: Array<Array<number | null>>) => columns.every((c) => c.every((v) => v === null));

/** Periods before the first one with any data are left out (keeping at least two), so a young tenant's chart is not mostly empty. */
const trim = (s: Snapshot, ...columns: Array<Array<number | null>>): [string[], ...Array<Array<number | null>>] => {
  const first = Math.min(labels(s).length - 2, ...columns.map((c) => c.findIndex((v) => v !== null && v !== 0)).filter((i) => i >= 0));
  const from = Math.max(0, first);
  return [labels(s).slice(from), ...columns.map((c) => c.slice(from))];
};

const percent = (v: number) => `${Math.round(v * 100)}%`;
const tooltip = (formatters: Record<string, (v: number) => string>) => ({
  trigger: 'axis',
  valueFormatter: undefined,
  formatter: (params: Array<{ seriesName: string; value: number | null; marker: string; axisValueLabel: string }>) =>
    [`<b>${params[0]?.axisValueLabel ?? ''}</b>`, ...params.map((p) => `${p.marker}${p.seriesName}: <b>${p.value === null || p.value === undefined ? '—' : (formatters[p.seriesName] ?? String)(p.value)}</b>`)].join('<br/>'),
});

const line = (name: string, data: Array<number | null>, color: string, yAxisIndex = 0, extra: Record<string, unknown> = {}) => ({
  name,
  type: 'line',
  data,
  yAxisIndex,
  smooth: 0.3,
  smoothMonotone: 'x',
  connectNulls: true,
  symbolSize: 7,
  lineStyle: { width: 3, color },
  itemStyle: { color },
  ...extra,
});

/** Won revenue against the revenue target, per period, with attainment on the right axis. */
export const targetVsWon = (s: Snapshot): ChartOption => {
  const won = series(s, firstOf(input('target_attainment', 'wonRevenue'), input('avg_deal_size', 'wonRevenue')));
  const target = series(s, input('target_attainment', 'target'));
  const attainment = series(s, valueOf('target_attainment'));
  if (allEmpty(won, target)) return empty();
  const [axis, wonData, targetData, attainmentData] = trim(s, won, target, attainment);
  const [wonName, targetName, attainmentName] = [t('wonRevenue'), t('target'), t('attainment')];
  return base({
    tooltip: tooltip({ [wonName]: money, [targetName]: money, [attainmentName]: (v) => formatValue(v, 'ratio') }),
    xAxis: categoryAxis(axis as string[]),
    yAxis: [valueAxis(money), valueAxis(percent, { splitLine: { show: false } })],
    series: [
      { name: targetName, type: 'bar', data: targetData, barMaxWidth: 26, barGap: '15%', itemStyle: { color: '#c9d3df', borderRadius: [4, 4, 0, 0] } },
      { name: wonName, type: 'bar', data: wonData, barMaxWidth: 26, itemStyle: { color: PALETTE[0], borderRadius: [4, 4, 0, 0] } },
      line(attainmentName, attainmentData, PALETTE[2], 1),
    ],
  });
};

/** Win rate (left, %) and the average sales cycle (right, days). */
export const winRateAndCycle = (s: Snapshot): ChartOption => {
  const winRate = series(s, valueOf('win_rate'));
  const cycle = series(s, valueOf('avg_sales_cycle_days'));
  if (allEmpty(winRate, cycle)) return empty();
  const [axis, rateData, cycleData] = trim(s, winRate, cycle);
  const [rateName, cycleName] = [metricName('win_rate'), metricName('avg_sales_cycle_days')];
  return base({
    tooltip: tooltip({ [rateName]: (v) => formatValue(v, 'ratio'), [cycleName]: (v) => formatValue(v, 'days') }),
    xAxis: categoryAxis(axis as string[]),
    yAxis: [valueAxis(percent, { min: 0, max: 1 }), valueAxis((v) => `${v}`, { splitLine: { show: false }, name: t('days'), nameTextStyle: { color: '#7a8699' } })],
    series: [
      line(rateName, rateData, PALETTE[1], 0, { areaStyle: { color: 'rgba(19,168,158,0.10)' } }),
      { name: cycleName, type: 'bar', data: cycleData, yAxisIndex: 1, barMaxWidth: 22, itemStyle: { color: 'rgba(142,91,217,0.55)', borderRadius: [4, 4, 0, 0] } },
    ],
  });
};

/** NPS (−100…100, left) and CSAT (%, right). */
export const satisfaction = (s: Snapshot): ChartOption => {
  const nps = series(s, valueOf('nps'));
  const csat = series(s, valueOf('csat'));
  if (allEmpty(nps, csat)) return empty();
  const [axis, npsData, csatData] = trim(s, nps, csat);
  const [npsName, csatName] = [metricName('nps'), metricName('csat')];
  return base({
    tooltip: tooltip({ [npsName]: (v) => formatValue(v, 'nps'), [csatName]: (v) => formatValue(v, 'ratio') }),
    xAxis: categoryAxis(axis as string[]),
    yAxis: [valueAxis((v) => `${v}`, { min: -100, max: 100 }), valueAxis(percent, { min: 0, max: 1, splitLine: { show: false } })],
    series: [
      line(npsName, npsData, PALETTE[3], 0, { markLine: { silent: true, symbol: 'none', data: [{ yAxis: 0 }], lineStyle: { color: '#c3ccd6' }, label: { show: false } } }),
      line(csatName, csatData, PALETTE[1], 1),
    ],
  });
};

/** Cost of sales ratio and budget utilisation, both fractions; 100 % budget marked. */
export const costControl = (s: Snapshot): ChartOption => {
  const ratio = series(s, valueOf('cost_of_sales_ratio'));
  const budget = series(s, valueOf('budget_utilisation'));
  if (allEmpty(ratio, budget)) return empty();
  const [axis, ratioData, budgetData] = trim(s, ratio, budget);
  const [ratioName, budgetName] = [metricName('cost_of_sales_ratio'), metricName('budget_utilisation')];
  return base({
    tooltip: tooltip({ [ratioName]: (v) => formatValue(v, 'ratio'), [budgetName]: (v) => formatValue(v, 'ratio') }),
    xAxis: categoryAxis(axis as string[]),
    yAxis: [valueAxis(percent, { min: 0 })],
    series: [
      line(ratioName, ratioData, BAD),
      line(budgetName, budgetData, PALETTE[0], 0, {
        markLine: { silent: true, symbol: 'none', data: [{ yAxis: 1 }], lineStyle: { color: GOOD, type: 'dashed' }, label: { formatter: '100%', color: GOOD } },
      }),
    ],
  });
};
