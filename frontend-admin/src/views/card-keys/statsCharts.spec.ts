import { describe, expect, it } from 'vitest';
import { barOption, dayOption, pieOption } from './statsCharts';

describe('card-key stats charts', () => {
  it('aligns generated and used per day on one axis', () => {
    const o = dayOption({ generatedByDay: [{ key: '2026-03-02', count: 5 }], usedByDay: [{ key: '2026-03-03', count: 2 }] }, { generated: 'g', used: 'u' });
    expect(o.xAxis.data).toEqual(['2026-03-02', '2026-03-03']);
    expect(o.series[0]!.data).toEqual([5, 0]);
    expect(o.series[1]!.data).toEqual([0, 2]);
  });

  it('labels buckets', () => {
    expect(pieOption([{ key: 'used', count: 3 }], (k) => k.toUpperCase()).series[0]!.data).toEqual([{ name: 'USED', value: 3 }]);
    const bar = barOption([{ key: '1', count: 4, used: 1 }], { total: 't', used: 'u' }, (k) => `VIP${k}`);
    expect(bar.xAxis.data).toEqual(['VIP1']);
    expect(bar.series.map((s) => s.data)).toEqual([[4], [1]]);
  });
});
