import { describe, expect, it } from 'vitest';
import type { MarketBarDto } from '@zhice/shared';
import { choSeries, movingAverage, toWeekly, turningPoints } from './kline';
import { klineData } from './klineCanvas';
import { headlineWindow, signedPct, trackRecordBars, trackRecordRows } from './trackRecord';

const bar = (tradeDate: string, close: number, volume = 1000): MarketBarDto => ({ tradeDate, open: close - 0.1, high: close + 0.2, low: close - 0.3, close, volume, amount: volume * close });
const bars = ['2026-02-23', '2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27'].map((d, i) => bar(d, 10 + i));

describe('CHO series', () => {
  it('matches the definition (MID cumulative, MA with min_periods 1) on a hand-checked case', () => {
    const b = [
      { high: 11, low: 9, close: 10.5, volume: 100 },
      { high: 12, low: 10, close: 10.2, volume: 200 },
      { high: 12, low: 10, close: 11.8, volume: 50 },
    ];
    const mid1 = (100 * (21 - 20)) / 20; // 5
    const mid2 = mid1 + (200 * (20.4 - 22)) / 22;
    const mid3 = mid2 + (50 * (23.6 - 22)) / 22;
    const { cho, macho } = choSeries(b, { short: 1, long: 2, smooth: 2 });
    expect(cho[0]).toBeCloseTo(0, 12);
    expect(cho[1]).toBeCloseTo(mid2 - (mid1 + mid2) / 2, 12);
    expect(cho[2]).toBeCloseTo(mid3 - (mid2 + mid3) / 2, 12);
    expect(macho[2]).toBeCloseTo((cho[1]! + cho[2]!) / 2, 12);
  });
});

describe('signal markers', () => {
  it('marks only the days a signal turns to BUY or SELL', () => {
    const s = [
      { tradeDate: '2026-02-24', action: 'BUY' as const, score: 0.5 },
      { tradeDate: '2026-02-23', action: 'HOLD' as const, score: 0 },
      { tradeDate: '2026-02-25', action: 'BUY' as const, score: 0.4 },
      { tradeDate: '2026-02-26', action: 'SELL' as const, score: -0.2 },
      { tradeDate: '2026-02-27', action: 'SELL' as const, score: -0.3 },
    ];
    expect(turningPoints(s).map((x) => `${x.tradeDate}:${x.action}`)).toEqual(['2026-02-24:BUY', '2026-02-26:SELL']);
  });

  it('chart data: one marker per turn on its bar (signals outside the bars dropped), MA and CHO per bar', () => {
    const d = klineData(bars, [
      { tradeDate: '2026-02-24', action: 'BUY', score: 0.5 },
      { tradeDate: '2026-02-26', action: 'SELL', score: -0.5 },
      { tradeDate: '2020-01-01', action: 'BUY', score: 1 },
    ]);
    expect(d.marks).toEqual([
      { index: 1, action: 'BUY' },
      { index: 3, action: 'SELL' },
    ]);
    expect(d.bars).toHaveLength(5);
    expect(d.ma).toHaveLength(3);
    expect(d.ma[0]).toEqual([null, null, null, null, 12]);
    expect(d.cho).toHaveLength(5);
    expect(d.macho).toHaveLength(5);
  });
});

describe('weekly bars and moving averages', () => {
  it('a week is its first open, last close, extremes and summed volume, dated by its last day', () => {
    const days = [bar('2026-02-26', 10), bar('2026-02-27', 11), bar('2026-03-02', 12), bar('2026-03-04', 9)];
    const { bars: w, indexOf } = toWeekly(days);
    expect(w.map((b) => [b.tradeDate, b.open, b.close, b.high, b.low, b.volume])).toEqual([
      ['2026-02-27', 9.9, 11, 11.2, 9.7, 2000],
      ['2026-03-04', 11.9, 9, 12.2, 8.7, 2000],
    ]);
    expect(indexOf.get('2026-03-02')).toBe(1);
    const d = klineData(days, [{ tradeDate: '2026-03-02', action: 'BUY', score: 1 }], 'week');
    expect(d.marks).toEqual([{ index: 1, action: 'BUY' }]);
    expect(d.bars[d.marks[0]!.index]!.tradeDate).toBe('2026-03-04');
  });

  it('MA over closes, empty until its window fills', () => {
    expect(movingAverage([1, 2, 3, 4].map((close) => ({ close })), 3)).toEqual([null, null, 2, 3]);
  });
});

describe('track record', () => {
  const figures = (hitRate: number | null, meanReturn: number | null, baseHit: number | null) => ({
    count: 10,
    hits: 6,
    hitRate,
    hitRateInterval: null,
    meanReturn,
    meanReturnInterval: null,
    baseline: { count: 10, hitRate: baseHit, meanReturn: 0 },
    verdict: 'too_few_samples' as const,
  });

  it('rows by window and bars in % for this stock, the strategy and the baseline', () => {
    const rows = trackRecordRows({
      tsCode: '600000.SH',
      strategyId: 'cho',
      minSamples: 10,
      windows: [
        { window: 5, stock: figures(0.6, 0.01, 0.5), strategy: figures(0.55, 0, 0.5) },
        { window: 1, stock: figures(5 / 12, 0, null), strategy: figures(null, null, null) },
      ],
    });
    expect(rows.map((r) => r.window)).toEqual([1, 5]);
    expect(headlineWindow(rows)?.window).toBe(5);
    expect(headlineWindow([])).toBeNull();
    expect(trackRecordRows(null)).toEqual([]);
    expect(trackRecordBars(rows)).toEqual([
      { window: 1, stock: 41.7, strategy: null, baseline: null },
      { window: 5, stock: 60, strategy: 55, baseline: 50 },
    ]);
  });

  it('signed percentages', () => {
    expect(signedPct(0.0123)).toBe('+1.23%');
    expect(signedPct(-0.004)).toBe('-0.40%');
    expect(signedPct(0)).toBe('0.00%');
    expect(signedPct(null)).toBe('—');
  });
});
