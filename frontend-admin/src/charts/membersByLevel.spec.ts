import { describe, expect, it } from 'vitest';
import { membersByLevelOption } from './membersByLevel';

describe('membersByLevelOption', () => {
  it('orders bars by level and carries the counts', () => {
    const option = membersByLevelOption(
      [
        { level: 2, name: 'VIP2', count: 3 },
        { level: 0, name: '免费用户', count: 10 },
        { level: 4, name: 'SVIP', count: 1 },
      ],
      'Members',
    );
    expect(option.xAxis).toMatchObject({ type: 'category', data: ['免费用户', 'VIP2', 'SVIP'] });
    const series = Array.isArray(option.series) ? option.series[0] : option.series;
    expect(series).toMatchObject({ type: 'bar', name: 'Members' });
    expect((series?.data as { value: number }[]).map((d) => d.value)).toEqual([10, 3, 1]);
  });
});
