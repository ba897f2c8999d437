import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components';

export type MembersByLevelOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;

export interface LevelCount {
  level: number;
  name: string;
  count: number;
}

const COLORS = ['#909399', '#409eff', '#67c23a', '#e6a23c', '#c0392b'];

/** Bar chart option: members per VIP level, ordered by level. Pure, unit-tested. */
export function membersByLevelOption(data: readonly LevelCount[], seriesName: string): MembersByLevelOption {
  const rows = [...data].sort((a, b) => a.level - b.level);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.name), axisTick: { alignWithLabel: true } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: seriesName,
        type: 'bar',
        barMaxWidth: 48,
        data: rows.map((r) => ({ value: r.count, itemStyle: { color: COLORS[r.level] ?? COLORS[0] } })),
        label: { show: true, position: 'top' },
      },
    ],
  };
}
