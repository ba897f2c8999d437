import { describe, expect, it } from 'vitest';
import { movementsChartOption } from './movementsChart';

describe('movementsChartOption', () => {
  it('stacks money in up and money out down per type and day, in yuan', () => {
    const o = movementsChartOption(
      {
        days: [
          { day: '2026-03-02', type: 'recharge', inFen: 100_000, outFen: 0, count: 1 },
          { day: '2026-03-03', type: 'transfer', inFen: 500, outFen: 2_000, count: 2 },
        ],
        byType: [],
      },
      (t) => t.toUpperCase(),
      { in: 'in', out: 'out' },
    );
    expect(o.xAxis.data).toEqual(['2026-03-02', '2026-03-03']);
    expect(o.series.map((s) => [s.name, s.data])).toEqual([
      ['RECHARGE in', [1000, 0]],
      ['TRANSFER in', [0, 5]],
      ['TRANSFER out', [0, -20]],
    ]);
  });
});
