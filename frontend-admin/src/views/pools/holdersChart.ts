import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption } from 'echarts/charts';
import type { DataZoomComponentOption, GridComponentOption, TooltipComponentOption } from 'echarts/components';
import type { PoolHoldersDto } from '@zhice/shared';

export type HoldersChartOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption | DataZoomComponentOption>;

const COLORS = { listed: '#409eff', suspended: '#e6a23c', delisted: '#909399' } as const;
/** Bars shown at once before the slider kicks in. */
export const VISIBLE_BARS = 40;

/**
 * Bar chart option: holders per stock, in pool order (as given), coloured by listing status, with a
 * slider when the pool has more stocks than fit. Pure, unit-tested.
 */
export function holdersChartOption(items: PoolHoldersDto['items'], seriesName: string): HoldersChartOption {
  const zoom = items.length > VISIBLE_BARS;
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 16, top: 16, bottom: zoom ? 48 : 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: items.map((i) => `${i.tsCode} ${i.name}`),
      axisLabel: { rotate: 45, formatter: (v: string) => v.split(' ')[1] ?? v },
      axisTick: { alignWithLabel: true },
    },
    yAxis: { type: 'value', minInterval: 1 },
    dataZoom: zoom ? [{ type: 'slider', startValue: 0, endValue: VISIBLE_BARS - 1, height: 18, bottom: 8 }] : [],
    series: [
      {
        name: seriesName,
        type: 'bar',
        barMaxWidth: 28,
        data: items.map((i) => ({ value: i.holders, itemStyle: { color: COLORS[i.status] } })),
      },
    ],
  };
}

/** Spread of the counts (max − min): 0 or 1 means perfectly balanced. */
export function holderSpread(items: PoolHoldersDto['items']): number {
  const listed = items.filter((i) => i.status === 'listed').map((i) => i.holders);
  return listed.length ? Math.max(...listed) - Math.min(...listed) : 0;
}
