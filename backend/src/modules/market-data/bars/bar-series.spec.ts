import { describe, expect, it } from 'vitest';
import { DemoMarket } from '../domain/demo-market.js';
import { forwardAdjust } from '../domain/forward-adjust.js';
import { allocateSeries, forwardAdjustSeries } from './bar-series.js';

function seriesOf(bars: ReturnType<DemoMarket['barsForStock']>) {
  const s = allocateSeries(bars[0]!.tsCode, bars.length);
  bars.forEach((b, i) => {
    s.tradeDates[i] = b.tradeDate;
    s.open[i] = b.open;
    s.high[i] = b.high;
    s.low[i] = b.low;
    s.close[i] = b.close;
    s.volume[i] = b.volume;
    s.amount[i] = b.amount;
  });
  return s;
}

describe('forwardAdjustSeries', () => {
  const market = new DemoMarket();
  // Two years: each demo stock has a dividend (factor change) every summer.
  const bars = market.barsForStock('000001.SZ', '2022-01-01', '2023-12-31');
  const factors = market.adjFactorsForStock('000001.SZ', '2022-01-01', '2023-12-31');

  it('matches the domain forwardAdjust across ex-dates', () => {
    const byDate = new Map(factors.map((f) => [f.tradeDate, f.factor]));
    const s = seriesOf(bars);
    forwardAdjustSeries(s, Float64Array.from(bars.map((b) => byDate.get(b.tradeDate) ?? Number.NaN)), null);
    const expected = forwardAdjust(bars, factors);
    expect(new Set(factors.map((f) => f.factor)).size).toBeGreaterThan(1);
    expected.forEach((b, i) => {
      expect(s.close[i]).toBeCloseTo(b.close, 10);
      expect(s.open[i]).toBeCloseTo(b.open, 10);
      expect(s.volume[i]).toBe(b.volume);
    });
    // The last bar keeps its traded price.
    expect(s.close[s.length - 1]).toBe(bars[bars.length - 1]!.close);
  });

  it('fills gaps from the factor in force and the seed; no factors = unadjusted', () => {
    const s = seriesOf(bars.slice(0, 4));
    forwardAdjustSeries(s, Float64Array.from([Number.NaN, 2, Number.NaN, 4]), 1);
    expect([...s.close]).toEqual([bars[0]!.close * 0.25, bars[1]!.close * 0.5, bars[2]!.close * 0.5, bars[3]!.close]);
    const leading = seriesOf(bars.slice(0, 3));
    forwardAdjustSeries(leading, Float64Array.from([Number.NaN, 2, 4]), null);
    expect(leading.close[0]).toBe(bars[0]!.close * 0.5);
    const none = seriesOf(bars.slice(0, 3));
    forwardAdjustSeries(none, Float64Array.from([Number.NaN, Number.NaN, Number.NaN]), null);
    expect([...none.close]).toEqual(bars.slice(0, 3).map((b) => b.close));
  });
});
