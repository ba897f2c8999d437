import type { CardKeyStats, CardKeyStatsBucket } from '@zhice/shared';

/** Pure ECharts option builders for the card-key stats page (unit-tested). */
export function pieOption(buckets: CardKeyStatsBucket[], label: (k: string) => string) {
  return {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [{ type: 'pie', radius: ['35%', '65%'], data: buckets.map((b) => ({ name: label(b.key), value: b.count })) }],
  };
}

export function barOption(buckets: CardKeyStatsBucket[], names: { total: string; used: string }, label: (k: string) => string = (k) => k) {
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 40, right: 16, top: 16, bottom: 48 },
    xAxis: { type: 'category', data: buckets.map((b) => label(b.key)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'bar', name: names.total, data: buckets.map((b) => b.count) },
      { type: 'bar', name: names.used, data: buckets.map((b) => b.used ?? 0) },
    ],
  };
}

/** Generated and used per Beijing day, on one date axis (days missing on one side count 0). */
export function dayOption(stats: Pick<CardKeyStats, 'generatedByDay' | 'usedByDay'>, names: { generated: string; used: string }) {
  const days = [...new Set([...stats.generatedByDay, ...stats.usedByDay].map((b) => b.key))].sort();
  const at = (list: CardKeyStatsBucket[]) => {
    const m = new Map(list.map((b) => [b.key, b.count]));
    return days.map((d) => m.get(d) ?? 0);
  };
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 40, right: 16, top: 16, bottom: 48 },
    xAxis: { type: 'category', data: days },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'line', name: names.generated, data: at(stats.generatedByDay) },
      { type: 'line', name: names.used, data: at(stats.usedByDay) },
    ],
  };
}
