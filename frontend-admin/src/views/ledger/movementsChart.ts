import type { LedgerStatsDto } from '@zhice/shared';

/**
 * ECharts option for movements by day: one stacked bar series per transfer type, money in
 * upwards and money out downwards, in yuan. Pure, so it is unit-tested.
 */
export function movementsChartOption(stats: LedgerStatsDto, typeLabel: (type: string) => string, labels: { in: string; out: string }) {
  const days = [...new Set(stats.days.map((d) => d.day))].sort();
  const types = [...new Set(stats.days.map((d) => d.type))].sort();
  const at = new Map(stats.days.map((d) => [`${d.day}|${d.type}`, d]));
  const series = types.flatMap((type) => [
    {
      name: `${typeLabel(type)} ${labels.in}`,
      type: 'bar' as const,
      stack: 'in',
      data: days.map((day) => (at.get(`${day}|${type}`)?.inFen ?? 0) / 100),
    },
    {
      name: `${typeLabel(type)} ${labels.out}`,
      type: 'bar' as const,
      stack: 'out',
      data: days.map((day) => (at.get(`${day}|${type}`)?.outFen ?? 0) / -100 || 0),
    },
  ]).filter((s) => s.data.some((v) => v !== 0));
  return {
    tooltip: { trigger: 'axis' as const },
    legend: { type: 'scroll' as const, bottom: 0 },
    grid: { left: 60, right: 16, top: 16, bottom: 48 },
    xAxis: { type: 'category' as const, data: days },
    yAxis: { type: 'value' as const, name: '¥' },
    series,
  };
}
