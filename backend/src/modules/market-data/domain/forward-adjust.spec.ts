import { describe, expect, it } from 'vitest';
import { forwardAdjust } from './forward-adjust.js';
import type { AdjFactor, DailyBar } from './market-types.js';

const bar = (tradeDate: string, open: number, high: number, low: number, close: number, preClose: number): DailyBar => ({
  tsCode: '000001.SZ',
  tradeDate,
  open,
  high,
  low,
  close,
  preClose,
  volume: 1_000_000,
  amount: 10_250_000,
});
const factor = (tradeDate: string, value: number): AdjFactor => ({ tsCode: '000001.SZ', tradeDate, factor: value });

// Golden case: a 0.50 yuan cash dividend goes ex on 2024-06-14 (除权昨收 10.50 → 10.00), so the factor
// steps from 100 to 105. 2024-06-17 has no factor row of its own and inherits 105. A factor dated after
// the series (110) must not be used: qfq is relative to the last bar of the requested series.
const bars = [
  bar('2024-06-17', 10.1, 10.3, 10.0, 10.2, 10.1),
  bar('2024-06-12', 10.0, 10.5, 9.8, 10.4, 10.0),
  bar('2024-06-14', 10.0, 10.2, 9.9, 10.1, 10.0),
  bar('2024-06-13', 10.4, 10.6, 10.2, 10.5, 10.4),
];
const factors = [factor('2024-06-12', 100), factor('2024-06-13', 100), factor('2024-06-14', 105), factor('2024-06-20', 110)];

describe('forwardAdjust', () => {
  it('scales prices before the ex-date by factor / latest factor (golden, 2 decimals)', () => {
    const adjusted = forwardAdjust(bars, factors, { decimals: 2 });
    expect(adjusted.map(({ tradeDate, open, high, low, close, preClose }) => [tradeDate, open, high, low, close, preClose])).toEqual([
      ['2024-06-12', 9.52, 10.0, 9.33, 9.9, 9.52],
      ['2024-06-13', 9.9, 10.1, 9.71, 10.0, 9.9],
      ['2024-06-14', 10.0, 10.2, 9.9, 10.1, 10.0],
      ['2024-06-17', 10.1, 10.3, 10.0, 10.2, 10.1],
    ]);
    // The adjusted series is continuous across the ex-date: yesterday's adjusted close = today's 除权昨收.
    expect(adjusted[1]!.close).toBe(adjusted[2]!.preClose);
  });

  it('is exact without rounding and leaves volume and amount alone', () => {
    const [first] = forwardAdjust(bars, factors);
    expect(first!.close).toBeCloseTo((10.4 * 100) / 105, 12);
    expect(first!.volume).toBe(1_000_000);
    expect(first!.amount).toBe(10_250_000);
  });

  it('uses the earliest factor for bars older than every factor row', () => {
    const adjusted = forwardAdjust([bar('2024-06-11', 10, 10, 10, 10, 10), ...bars], factors, { decimals: 4 });
    expect(adjusted[0]!.close).toBe(9.5238);
  });

  it('rejects bars of several stocks and missing factors', () => {
    expect(forwardAdjust([], factors)).toEqual([]);
    expect(() => forwardAdjust([...bars, { ...bars[0]!, tsCode: '600000.SH' }], factors)).toThrow(RangeError);
    expect(() => forwardAdjust(bars, [])).toThrow(/no adjustment factors/);
  });
});
