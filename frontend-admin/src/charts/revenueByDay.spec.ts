import { describe, expect, it } from 'vitest';
import { daysBetween, revenueByDayOption } from './revenueByDay';

describe('revenueByDayOption', () => {
  it('shows every day of the window, in yuan, zero where nothing was paid', () => {
    const o = revenueByDayOption([{ day: '2026-03-02', paidFen: 29900, refundedFen: 10000, orders: 1 }], { from: '2026-03-01', to: '2026-03-03' }, { paid: 'paid', refunded: 'refunded' });
    expect((o.xAxis as { data: string[] }).data).toEqual(['03-01', '03-02', '03-03']);
    const series = o.series as Array<{ data: number[] }>;
    expect(series[0]!.data).toEqual([0, 299, 0]);
    expect(series[1]!.data).toEqual([0, 100, 0]);
  });
  it('counts days across a month end', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
  });
});
