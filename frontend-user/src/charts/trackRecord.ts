import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { SignalStatsItemDto } from '@zhice/shared';

export type TrackRecordOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption>;

export interface TrackRecordRow {
  window: number;
  hitRate: number | null;
  baselineHitRate: number | null;
  count: number;
  baselineCount: number;
}

/** Table rows for the track record, windows ascending. */
export function trackRecordRows(items: readonly SignalStatsItemDto[]): TrackRecordRow[] {
  return [...items]
    .sort((a, b) => a.window - b.window)
    .map((i) => ({ window: i.window, hitRate: i.hitRate, baselineHitRate: i.baseline.hitRate, count: i.count, baselineCount: i.baseline.count }));
}

/** Grouped bars: the strategy's hit rate next to the random baseline per window (%). Pure, unit-tested. */
export function trackRecordOption(rows: readonly TrackRecordRow[], labels: { strategy: string; baseline: string; window: (n: number) => string }): TrackRecordOption {
  const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);
  return {
    animation: false,
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? `${v}%` : '—') },
    grid: { left: 8, right: 8, top: 28, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => labels.window(r.window)) },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      { name: labels.strategy, type: 'bar', barMaxWidth: 28, itemStyle: { color: '#c0392b' }, data: rows.map((r) => pct(r.hitRate)) },
      { name: labels.baseline, type: 'bar', barMaxWidth: 28, itemStyle: { color: '#c0c4cc' }, data: rows.map((r) => pct(r.baselineHitRate)) },
    ],
  };
}
