import { describe, expect, it } from 'vitest';
import { checkAdjFactors, checkDailyBars } from './bar-quality.js';
import type { DailyBar } from './market-types.js';

const good: DailyBar = {
  tsCode: '600000.SH',
  tradeDate: '2024-05-28',
  open: 8.1,
  high: 8.25,
  low: 8.02,
  close: 8.2,
  preClose: 8.08,
  volume: 31_234_500,
  amount: 254_000_000,
};

describe('checkDailyBars', () => {
  it('accepts good rows, including a flat limit-locked day', () => {
    const flat = { ...good, tradeDate: '2024-05-29', open: 8.89, high: 8.89, low: 8.89, close: 8.89, volume: 0, amount: 0 };
    const result = checkDailyBars([good, flat]);
    expect(result.accepted).toEqual([good, flat]);
    expect(result.rejected).toEqual([]);
  });

  it.each([
    [{ high: 8.15 }, 'high_below_open_or_close'],
    [{ low: 8.15 }, 'low_above_open_or_close'],
    [{ open: 0 }, 'non_positive_price'],
    [{ low: -1 }, 'non_positive_price'],
    [{ preClose: 0 }, 'non_positive_price'],
    [{ close: Number.NaN }, 'non_finite_number'],
    [{ high: Number.POSITIVE_INFINITY }, 'non_finite_number'],
    [{ volume: null as unknown as number }, 'non_finite_number'],
    [{ volume: -100 }, 'negative_volume'],
    [{ amount: -1 }, 'negative_amount'],
    [{ tradeDate: '20240528' }, 'invalid_trade_date'],
    [{ tradeDate: '2024-02-30' }, 'invalid_trade_date'],
  ] as const)('rejects %o as %s', (change, reason) => {
    const row = { ...good, ...change } as DailyBar;
    const result = checkDailyBars([row]);
    expect(result.accepted).toEqual([]);
    expect(result.rejected).toEqual([{ row, reason, detail: expect.any(String) }]);
  });

  it('keeps the first row of a duplicated date and rejects the rest', () => {
    const again = { ...good, close: 8.21 };
    const result = checkDailyBars([good, again]);
    expect(result.accepted).toEqual([good]);
    expect(result.rejected).toMatchObject([{ row: again, reason: 'duplicate_trade_date' }]);
  });
});

describe('checkAdjFactors', () => {
  it('rejects non-positive factors, bad dates and duplicates', () => {
    const ok = { tsCode: '600000.SH', tradeDate: '2024-05-28', factor: 11.2 };
    const result = checkAdjFactors([ok, { ...ok, factor: 0 }, { ...ok, tradeDate: 'x' }, { ...ok }]);
    expect(result.accepted).toEqual([ok]);
    expect(result.rejected.map((r) => r.reason)).toEqual(['non_positive_factor', 'invalid_trade_date', 'duplicate_trade_date']);
  });
});
