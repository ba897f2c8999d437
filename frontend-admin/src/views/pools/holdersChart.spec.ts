import { describe, expect, it } from 'vitest';
import { holderSpread, holdersChartOption, VISIBLE_BARS } from './holdersChart';

const item = (i: number, holders: number, status: 'listed' | 'suspended' | 'delisted' = 'listed') => ({ tsCode: `${600000 + i}.SH`, name: `股票${i}`, status, holders });

describe('holdersChartOption', () => {
  it('keeps pool order, colours by status and labels with names', () => {
    const option = holdersChartOption([item(0, 3), item(1, 2, 'suspended'), item(2, 4)], '持有人数');
    expect(option.xAxis).toMatchObject({ type: 'category', data: ['600000.SH 股票0', '600001.SH 股票1', '600002.SH 股票2'] });
    const series = Array.isArray(option.series) ? option.series[0] : option.series;
    expect(series).toMatchObject({ type: 'bar', name: '持有人数' });
    const data = series?.data as Array<{ value: number; itemStyle: { color: string } }>;
    expect(data.map((d) => d.value)).toEqual([3, 2, 4]);
    expect(data[1]!.itemStyle.color).not.toBe(data[0]!.itemStyle.color);
    expect(option.dataZoom).toEqual([]);
  });

  it('adds a slider for large pools', () => {
    const option = holdersChartOption(Array.from({ length: 300 }, (_, i) => item(i, i % 2)), 'n');
    expect(option.dataZoom).toEqual([expect.objectContaining({ type: 'slider', startValue: 0, endValue: VISIBLE_BARS - 1 })]);
  });
});

describe('holderSpread', () => {
  it('is max − min over listed stocks', () => {
    expect(holderSpread([item(0, 5), item(1, 6), item(2, 0, 'suspended')])).toBe(1);
    expect(holderSpread([])).toBe(0);
  });
});
