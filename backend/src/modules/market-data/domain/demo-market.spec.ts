import { describe, expect, it } from 'vitest';
import { checkAdjFactors, checkDailyBars } from './bar-quality.js';
import { DemoMarket, isDemoTradingDay } from './demo-market.js';
import { DEMO_UNIVERSE } from './demo-universe.js';
import { exchangeOfSymbol, tsCodeOfSymbol } from './stock-codes.js';
import { addDays, fromCompactDate, toCompactDate } from './trade-dates.js';

describe('DemoMarket', () => {
  const market = new DemoMarket();

  it('has a universe of about 60 distinct, well-formed codes', () => {
    const codes = DEMO_UNIVERSE.map((stock) => stock.tsCode);
    expect(codes.length).toBeGreaterThanOrEqual(55);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(tsCodeOfSymbol(code.slice(0, 6))).toBe(code);
  });

  it('is deterministic across instances and independent of the order of requests', () => {
    const later = new DemoMarket(DEMO_UNIVERSE).barsForStock('600519.SH', '2024-03-01', '2024-03-31');
    const fresh = new DemoMarket([...DEMO_UNIVERSE].reverse());
    expect(fresh.barsForDate('2024-03-15').find((bar) => bar.tsCode === '600519.SH')).toEqual(
      later.find((bar) => bar.tradeDate === '2024-03-15'),
    );
    expect(later.length).toBeGreaterThan(15);
  });

  it('produces bars that pass the quality rules, in whole lots and whole yuan', () => {
    const bars = DEMO_UNIVERSE.flatMap((stock) => market.barsForStock(stock.tsCode, '2018-01-01', '2024-12-31'));
    expect(bars.length).toBeGreaterThan(60_000);
    expect(checkDailyBars(bars).rejected).toEqual([]);
    expect(bars.filter((bar) => bar.volume % 100 !== 0 || !Number.isInteger(bar.amount))).toEqual([]);
  });

  it('respects listing and delisting dates, and pays dividends that move the factor', () => {
    expect(market.barsForStock('688981.SH', '2020-01-01', '2020-07-15')).toEqual([]);
    expect(market.barsForStock('688981.SH', '2020-07-16', '2020-07-16')).toHaveLength(1);
    expect(market.barsForStock('600432.SH', '2018-07-06', '2018-12-31')).toEqual([]);
    const factors = market.adjFactorsForStock('601398.SH', '2018-01-01', '2024-12-31');
    expect(checkAdjFactors(factors).rejected).toEqual([]);
    expect(new Set(factors.map((f) => f.factor)).size).toBeGreaterThanOrEqual(7);
  });

  it('follows a weekday calendar minus fixed holidays', () => {
    expect(isDemoTradingDay('2024-10-01')).toBe(false);
    expect(isDemoTradingDay('2024-10-08')).toBe(true);
    expect(isDemoTradingDay('2024-06-15')).toBe(false);
    expect(market.calendar('2024-06-14', '2024-06-17').map((day) => day.isOpen)).toEqual([true, false, false, true]);
    expect(market.barsForDate('2024-06-15')).toEqual([]);
  });
});

describe('codes and dates', () => {
  it('derives the exchange from a bare code', () => {
    expect(['600000', '688981', '000001', '300750', '430047', '835185', '920001', '900901', '110000'].map(exchangeOfSymbol)).toEqual([
      'SH', 'SH', 'SZ', 'SZ', 'BJ', 'BJ', 'BJ', 'SH', null,
    ]);
  });
  it('converts date formats without time-zone drift', () => {
    expect(toCompactDate('2024-01-02')).toBe('20240102');
    expect(fromCompactDate('20240229')).toBe('2024-02-29');
    expect(fromCompactDate('20230229')).toBeNull();
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  });
});

describe('generateDemoUniverse', () => {
  it('gives a deterministic market of the asked size with unique, well-formed codes', async () => {
    const { generateDemoUniverse } = await import('./demo-universe.js');
    const big = generateDemoUniverse(5000);
    expect(big).toHaveLength(5000);
    expect(new Set(big.map((s) => s.tsCode)).size).toBe(5000);
    expect(big.every((s) => /^\d{6}\.(SH|SZ)$/.test(s.tsCode) || s.tsCode.endsWith('.BJ'))).toBe(true);
    expect(generateDemoUniverse(5000)).toEqual(big);
    const market = new DemoMarket(big, '2025-05-02');
    expect(market.barsForDate('2025-06-03').length).toBeGreaterThan(4900);
  });
});
