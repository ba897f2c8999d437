import { describe, expect, it } from 'vitest';
import { coverageLevel, coverageOption } from './coverageChart';

const labels = { none: '无', partial: '部分', complete: '完整', rows: '{n} 条', synthetic: '演示数据' };

describe('coverageOption', () => {
  const days = [
    { date: '2026-01-05', rows: 5400, complete: true, source: 'tushare' },
    { date: '2026-01-06', rows: 40, complete: false, source: 'akshare' },
    { date: '2026-01-07', rows: 0, complete: false, source: null },
    { date: '2026-01-08', rows: 60, complete: true, source: 'demo' },
  ];

  it('colours each trading day by what is stored', () => {
    expect(days.map(coverageLevel)).toEqual([2, 1, 0, 2]);
    const option = coverageOption(2026, days, labels);
    const series = (option.series as Array<{ data: unknown[] }>)[0]!;
    expect(series.data).toEqual([['2026-01-05', 2], ['2026-01-06', 1], ['2026-01-07', 0], ['2026-01-08', 2]]);
    expect((option.calendar as { range: string }).range).toBe('2026');
  });

  it('explains a cell in the tooltip, labelling demo data', () => {
    const option = coverageOption(2026, days, labels);
    const format = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(format({ value: ['2026-01-05', 2] })).toBe('2026-01-05<br/>完整 · 5400 条 · tushare');
    expect(format({ value: ['2026-01-08', 2] })).toContain('演示数据');
    expect(format({ value: ['2026-02-01', 0] })).toBe('');
  });
});
