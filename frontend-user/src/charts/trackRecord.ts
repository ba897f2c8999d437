import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { MyTrackRecordDto, TrackRecordWindowDto } from '@zhice/shared';

export type TrackRecordOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption>;

/** The record's windows, ascending. */
export function trackRecordRows(record: MyTrackRecordDto | null): TrackRecordWindowDto[] {
  return [...(record?.windows ?? [])].sort((a, b) => a.window - b.window);
}

/**
 * Grouped bars per window (%): this stock's hit rate, the strategy's over all stocks, and the
 * random baseline of the strategy's signals. Pure, unit-tested.
 */
export function trackRecordOption(
  rows: readonly TrackRecordWindowDto[],
  labels: { stock: string; strategy: string; baseline: string; window: (n: number) => string },
): TrackRecordOption {
  const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);
  return {
    animation: false,
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? `${v}%` : '—') },
    grid: { left: 8, right: 8, top: 28, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => labels.window(r.window)) },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      { name: labels.stock, type: 'bar', barMaxWidth: 24, itemStyle: { color: '#c0392b' }, data: rows.map((r) => pct(r.stock.hitRate)) },
      { name: labels.strategy, type: 'bar', barMaxWidth: 24, itemStyle: { color: '#e6a23c' }, data: rows.map((r) => pct(r.strategy.hitRate)) },
      { name: labels.baseline, type: 'bar', barMaxWidth: 24, itemStyle: { color: '#c0c4cc' }, data: rows.map((r) => pct(r.strategy.baseline.hitRate)) },
    ],
  };
}

/** The window the one-line reading speaks about: 5 days when present, else the first. */
export function headlineWindow(rows: readonly TrackRecordWindowDto[]): TrackRecordWindowDto | null {
  return rows.find((r) => r.window === 5) ?? rows[0] ?? null;
}

/** A fraction as a signed percentage, e.g. 0.0123 → "+1.23%". */
export function signedPct(x: number | null, digits = 2): string {
  if (x === null || !Number.isFinite(x)) return '—';
  const v = (x * 100).toFixed(digits);
  return `${x > 0 && Number(v) !== 0 ? '+' : ''}${v}%`;
}
