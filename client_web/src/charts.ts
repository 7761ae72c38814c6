// Apache ECharts, loaded only by the chart views (dynamic import) and only the parts used.

import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export interface Series { name: string; values: number[]; type?: 'bar' | 'line'; color?: string }

const FONT = '-apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif';

/** Draws a bar/line chart into `el`; returns a disposer. Values are yuan; `fmt` labels them. */
export function drawChart(el: HTMLElement, categories: string[], series: Series[], fmt: (v: number) => string, horizontal = false): () => void {
  const chart = echarts.init(el, undefined, { renderer: 'canvas' });
  const valueAxis = { type: 'value' as const, axisLabel: { formatter: (v: number) => fmt(v), fontFamily: FONT }, splitLine: { lineStyle: { color: '#eef0f4' } } };
  const catAxis = { type: 'category' as const, data: categories, axisLabel: { fontFamily: FONT, interval: 0, hideOverlap: true }, axisTick: { show: false } };
  chart.setOption({
    textStyle: { fontFamily: FONT },
    color: series.map((s, i) => s.color ?? ['#2563eb', '#16a34a', '#9333ea'][i % 3]!),
    grid: { left: horizontal ? 110 : 64, right: 16, top: 36, bottom: 28, containLabel: false },
    legend: { top: 0, textStyle: { fontFamily: FONT } },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => fmt(Number(v)) },
    xAxis: horizontal ? valueAxis : catAxis,
    yAxis: horizontal ? { ...catAxis, inverse: true } : valueAxis,
    series: series.map((s) => ({ name: s.name, type: s.type ?? 'bar', data: s.values, barMaxWidth: 28, smooth: true })),
  });
  let disposed = false;
  const dispose = () => { if (disposed) return; disposed = true; ro.disconnect(); chart.dispose(); };
  // A live section re-rendering replaces the element: dispose the chart once it is detached.
  const ro = new ResizeObserver(() => { if (!el.isConnected) dispose(); else chart.resize(); });
  ro.observe(el);
  return dispose;
}
