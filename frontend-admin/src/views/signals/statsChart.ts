import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { SignalStatsItemDto } from '@zhice/shared';

export type StatsChartOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption>;

export interface StatsChartLabels {
  hitRate: string;
  baseline: string;
  window: (n: number) => string;
  count: string;
}

const pct = (x: number | null): number | null => (x === null ? null : Math.round(x * 1000) / 10);

/**
 * Hit rate vs the random baseline by window for one strategy: grouped bars (in %), samples in the
 * tooltip. Windows without samples show empty bars. Pure, unit-tested.
 */
export function statsChartOption(items: readonly SignalStatsItemDto[], labels: StatsChartLabels): StatsChartOption {
  const rows = [...items].sort((a, b) => a.window - b.window);
  const counts = rows.map((r) => ({ n: r.count, b: r.baseline.count }));
  return {
    animation: false,
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v) => (typeof v === 'number' ? `${v.toFixed(1)}%` : '—'),
    },
    legend: { top: 0, data: [labels.hitRate, labels.baseline] },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: rows.map((r, i) => `${labels.window(r.window)}\n${labels.count} ${counts[i]!.n}`),
    },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: labels.hitRate,
        type: 'bar',
        barMaxWidth: 36,
        itemStyle: { color: '#409eff' },
        label: { show: true, position: 'top', formatter: (p) => (typeof p.value === 'number' ? `${p.value.toFixed(1)}%` : '') },
        data: rows.map((r) => pct(r.hitRate)),
      },
      {
        name: labels.baseline,
        type: 'bar',
        barMaxWidth: 36,
        itemStyle: { color: '#c0c4cc' },
        label: { show: true, position: 'top', formatter: (p) => (typeof p.value === 'number' ? `${p.value.toFixed(1)}%` : '') },
        data: rows.map((r) => pct(r.baseline.hitRate)),
      },
    ],
  };
}
