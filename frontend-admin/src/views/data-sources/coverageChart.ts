import type { ComposeOption } from 'echarts/core';
import type { HeatmapSeriesOption } from 'echarts/charts';
import type { CalendarComponentOption, TooltipComponentOption, VisualMapComponentOption } from 'echarts/components';
import type { CalendarCoverageDayDto } from '@zhice/shared';

export type CoverageOption = ComposeOption<HeatmapSeriesOption | CalendarComponentOption | TooltipComponentOption | VisualMapComponentOption>;

/** 0 = nothing stored, 1 = some stocks only (per-stock fallback or partial), 2 = whole market. */
export type CoverageLevel = 0 | 1 | 2;

export function coverageLevel(day: Pick<CalendarCoverageDayDto, 'rows' | 'complete'>): CoverageLevel {
  if (day.complete) return 2;
  return day.rows > 0 ? 1 : 0;
}

export interface CoverageLabels {
  none: string;
  partial: string;
  complete: string;
  /** `{n}` = stored bars. */
  rows: string;
  synthetic: string;
  /** month and weekday names: Chinese or English (ECharts' built-in name maps) */
  nameMap?: 'ZH' | 'EN';
}

/**
 * ECharts calendar heat-map of a year's trading days: one cell per open day coloured by what is
 * stored (nothing / some stocks / whole market), tooltip with the bar count and source. Pure.
 */
export function coverageOption(year: number, days: readonly CalendarCoverageDayDto[], labels: CoverageLabels): CoverageOption {
  const byDate = new Map(days.map((d) => [d.date, d]));
  return {
    tooltip: {
      formatter: (params: unknown) => {
        const value = (params as { value?: [string, number] }).value;
        const day = value ? byDate.get(value[0]) : undefined;
        if (!day) return '';
        const state = [labels.none, labels.partial, labels.complete][coverageLevel(day)];
        const source = day.source === 'demo' ? ` · ${labels.synthetic}` : day.source ? ` · ${day.source}` : '';
        return `${day.date}<br/>${state} · ${labels.rows.replace('{n}', String(day.rows))}${source}`;
      },
    },
    visualMap: {
      type: 'piecewise',
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      dimension: 1,
      pieces: [
        { value: 0, label: labels.none, color: '#e4e7ed' },
        { value: 1, label: labels.partial, color: '#e6a23c' },
        { value: 2, label: labels.complete, color: '#67c23a' },
      ],
    },
    calendar: {
      range: String(year),
      top: 30,
      left: 40,
      right: 16,
      bottom: 48,
      cellSize: ['auto', 14],
      yearLabel: { show: false },
      dayLabel: { firstDay: 1, nameMap: labels.nameMap ?? 'ZH' },
      monthLabel: { nameMap: labels.nameMap ?? 'ZH' },
      itemStyle: { borderColor: '#fff', borderWidth: 2, color: '#fafafa' },
      splitLine: { show: false },
    },
    series: [
      {
        type: 'heatmap',
        coordinateSystem: 'calendar',
        data: days.map((d) => [d.date, coverageLevel(d)]),
      },
    ],
  };
}
