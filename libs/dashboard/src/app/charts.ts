import { BarChart, FunnelChart, GaugeChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { t } from './i18n';

echarts.use([BarChart, LineChart, FunnelChart, GaugeChart, GridComponent, LegendComponent, TooltipComponent, TitleComponent, MarkLineComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

export const PALETTE = ['#2f6fde', '#13a89e', '#f2a93b', '#8e5bd9', '#e0576b', '#5aa9e6', '#7a8699'];
export const GOOD = '#1a8a5a';
export const BAD = '#d64545';
export const INK = '#1d2b3a';
export const MUTED = '#7a8699';
export const GRID_LINE = '#e8edf3';

export const FONT = '"Inter", "Segoe UI", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", system-ui, sans-serif';

/** Shared look: quiet axes, readable labels, tooltips formatted by the caller. */
export const base = (option: ChartOption): ChartOption => ({
  color: PALETTE,
  textStyle: { fontFamily: FONT, color: INK },
  animationDuration: 400,
  animationDurationUpdate: 400,
  tooltip: { trigger: 'axis', confine: true, backgroundColor: '#fff', borderColor: GRID_LINE, textStyle: { color: INK, fontSize: 12 } },
  legend: { bottom: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 8, textStyle: { color: MUTED, fontSize: 12 } },
  grid: { left: 8, right: 12, top: 24, bottom: 36, containLabel: true },
  ...option,
});

export const valueAxis = (format: (v: number) => string, extra: Record<string, unknown> = {}) => ({
  type: 'value',
  axisLabel: { color: MUTED, formatter: format },
  splitLine: { lineStyle: { color: GRID_LINE } },
  ...extra,
});

export const categoryAxis = (data: string[], extra: Record<string, unknown> = {}) => ({
  type: 'category',
  data,
  axisLine: { lineStyle: { color: GRID_LINE } },
  axisTick: { show: false },
  axisLabel: { color: MUTED },
  ...extra,
});

/** A chart with nothing to draw says so instead of showing empty axes. */
export const empty = (): ChartOption => ({
  title: { text: t('noData'), left: 'center', top: 'middle', textStyle: { color: MUTED, fontSize: 13, fontWeight: 'normal', fontFamily: FONT } },
  xAxis: { show: false },
  yAxis: { show: false },
  series: [],
});

/** ECharts instances by container, created once and updated in place (no flicker on live updates). */
const instances = new Map<HTMLElement, echarts.ECharts>();

export const render = (container: HTMLElement, option: ChartOption, onClick?: (params: { name: string; dataIndex: number; seriesName?: string }) => void) => {
  disposeDetached();
  let chart = instances.get(container);
  if (!chart || chart.isDisposed()) {
    chart = echarts.init(container, null, { renderer: 'canvas' });
    instances.set(container, chart);
  }
  chart.setOption(option, { notMerge: true, lazyUpdate: true });
  chart.off('click');
  if (onClick) chart.on('click', (params) => onClick(params as never));
  container.style.cursor = onClick ? 'pointer' : '';
};

/** Charts whose container was replaced (a re-rendered card) are disposed, so nothing leaks. */
const disposeDetached = (): void => {
  for (const [container, chart] of instances) {
    if (container.isConnected) continue;
    chart.dispose();
    instances.delete(container);
  }
};

export const resizeAll = (): void => {
  disposeDetached();
  for (const chart of instances.values()) chart.resize();
};
