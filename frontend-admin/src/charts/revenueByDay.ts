import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components';
import type { RevenueDayDto } from '@zhice/shared';

export type RevenueByDayOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;

/** `YYYY-MM-DD` days from `from` to `to` inclusive (calendar arithmetic in UTC, no time zone shifts). */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = Date.parse(`${from}T00:00:00Z`); d <= Date.parse(`${to}T00:00:00Z`); d += 86_400_000) out.push(new Date(d).toISOString().slice(0, 10));
  return out;
}

/**
 * Bar chart option: paid and refunded yuan per Beijing day, every day of the window shown (days
 * without payments are 0). Pure, unit-tested.
 */
export function revenueByDayOption(data: readonly RevenueDayDto[], window: { from: string; to: string }, names: { paid: string; refunded: string }): RevenueByDayOption {
  const byDay = new Map(data.map((d) => [d.day, d]));
  const days = daysBetween(window.from, window.to);
  const yuan = (fen: number) => Math.round(fen) / 100;
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: days.map((d) => d.slice(5)), axisTick: { alignWithLabel: true } },
    yAxis: { type: 'value', name: '¥' },
    series: [
      { name: names.paid, type: 'bar', barMaxWidth: 16, itemStyle: { color: '#2f7d32' }, data: days.map((d) => yuan(byDay.get(d)?.paidFen ?? 0)) },
      { name: names.refunded, type: 'bar', barMaxWidth: 16, itemStyle: { color: '#b3261e' }, data: days.map((d) => yuan(byDay.get(d)?.refundedFen ?? 0)) },
    ],
  };
}
