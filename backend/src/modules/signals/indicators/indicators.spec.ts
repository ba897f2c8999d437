import { BollingerBands, EMA, MACD, RSI, SMA } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { randomBars } from '../../../../test/fixtures/signals/synthetic-bars.js';
import { Arena } from './arena.js';
import { toColumns, type Bar } from './bars.js';
import { bollinger } from './bollinger.js';
import { macd } from './macd.js';
import { ema, rollingMean, rollingMeanAbs, rollingStd, sma } from './moving-average.js';
import { rsi } from './rsi.js';

// Our O(n) typed-array versions are what the strategies run (several times faster than the
// library's generator/linked-list implementations, and unrounded); the library is the reference.

const closes = (seed: number, n = 300): number[] => randomBars(seed, n).map((b) => b.close);

/** Library output is aligned to the end of the series; ours is full-length with NaN warm-up. */
function expectTail(ours: Float64Array, lib: readonly (number | undefined)[], tol: number): void {
  const offset = ours.length - lib.length;
  expect(offset).toBeGreaterThanOrEqual(0);
  for (let i = 0; i < offset; i++) expect(ours[i]).toBeNaN();
  for (let j = 0; j < lib.length; j++) {
    const expected = lib[j];
    if (expected === undefined) {
      expect(ours[offset + j]).toBeNaN();
      continue;
    }
    const got = ours[offset + j]!;
    if (!(Math.abs(got - expected) <= tol)) throw new Error(`index ${offset + j}: ${got} vs library ${expected}`);
  }
}

describe('indicators agree with technicalindicators 3.1', () => {
  for (const seed of [1, 2, 3]) {
    const c = closes(seed);

    it(`SMA 5/20/60 (seed ${seed})`, () => {
      for (const period of [5, 20, 60]) expectTail(sma(c, period), SMA.calculate({ period, values: c }), 1e-9);
    });

    it(`EMA 12/26 (seed ${seed})`, () => {
      for (const period of [12, 26]) expectTail(ema(c, period), EMA.calculate({ period, values: c }), 1e-9);
    });

    it(`MACD 12/26/9 with EMA oscillator and signal (seed ${seed})`, () => {
      const lib = MACD.calculate({ values: c, fastPeriod: 12, slowPeriod: 26, signalPeriod: 9, SimpleMAOscillator: false, SimpleMASignal: false });
      const ours = macd(c);
      expectTail(ours.dif, lib.map((o) => o.MACD), 1e-9);
      expectTail(ours.dea, lib.map((o) => o.signal), 1e-9);
      const hist = Float64Array.from(ours.macd, (x) => x / 2);
      expectTail(hist, lib.map((o) => o.histogram), 1e-9);
    });

    it(`RSI 6/14 (seed ${seed}); the library rounds to 2 decimals`, () => {
      for (const period of [6, 14]) expectTail(rsi(c, period), RSI.calculate({ period, values: c }), 0.005 + 1e-9);
    });

    it(`Bollinger 20/2 (seed ${seed})`, () => {
      const lib = BollingerBands.calculate({ period: 20, stdDev: 2, values: c });
      const ours = bollinger(c, { period: 20, k: 2 });
      expectTail(ours.mid, lib.map((o) => o.middle), 1e-9);
      expectTail(ours.upper, lib.map((o) => o.upper), 1e-9);
      expectTail(ours.lower, lib.map((o) => o.lower), 1e-9);
    });
  }

  it('RSI of a perfectly flat stretch is 50 here (the library says 100); a pure rise is 100, a pure fall 0', () => {
    const flat = new Array(30).fill(10);
    expect(rsi(flat, 14)[20]).toBe(50);
    expect(RSI.calculate({ period: 14, values: flat })[0]).toBe(100);
    expect(rsi(Array.from({ length: 30 }, (_, i) => 10 + i), 14)[20]).toBe(100);
    expect(rsi(Array.from({ length: 30 }, (_, i) => 50 - i), 14)[20]).toBe(0);
  });
});

describe('rolling statistics', () => {
  const naiveMean = (xs: number[], i: number, w: number): number => {
    const win = xs.slice(Math.max(0, i - w + 1), i + 1).filter(Number.isFinite);
    return win.length ? win.reduce((a, b) => a + b, 0) / win.length : NaN;
  };

  it('rollingMean is pandas rolling(min_periods=1).mean(), skipping NaN', () => {
    const xs = [NaN, 3, -1, 4, NaN, 5, 9, -2, 6, 5, 3, 5];
    for (const w of [1, 3, 5, 20]) {
      const r = rollingMean(xs, w);
      xs.forEach((_, i) => {
        const e = naiveMean(xs, i, w);
        if (Number.isNaN(e)) expect(r[i]).toBeNaN();
        else expect(r[i]).toBeCloseTo(e, 12);
      });
    }
  });

  it('rollingMeanAbs is rollingMean of |x| and never negative', () => {
    const xs = [1e9, -1e9, 1e-9, -3, 2];
    const r = rollingMeanAbs(xs, 2);
    expect(Array.from(r)).toEqual(Array.from(rollingMean(xs.map(Math.abs), 2)).map((x) => Math.max(0, x)));
    expect(Math.min(...r)).toBeGreaterThanOrEqual(0);
  });

  it('rollingStd stays accurate on a high-priced, low-volatility series (no sum-of-squares cancellation)', () => {
    const xs = Array.from({ length: 500 }, (_, i) => 2000 + 0.01 * Math.sin(i));
    const r = rollingStd(xs, 20);
    for (let i = 19; i < xs.length; i += 37) {
      const win = xs.slice(i - 19, i + 1);
      const m = win.reduce((a, b) => a + b, 0) / 20;
      const sd = Math.sqrt(win.reduce((a, b) => a + (b - m) ** 2, 0) / 20);
      expect(Math.abs(r[i]! - sd)).toBeLessThan(1e-9);
    }
  });
});

describe('bollinger (fused one-pass) equals SMA ± k·rollingStd', () => {
  it('on a high-priced, low-volatility series too', () => {
    const xs = Array.from({ length: 300 }, (_, i) => 2000 + 0.01 * Math.sin(i) + (i % 7) * 0.001);
    const b = bollinger(xs, { period: 20, k: 2.5 });
    const mid = sma(xs, 20);
    const sd = rollingStd(xs, 20);
    for (let i = 0; i < xs.length; i++) {
      if (i < 19) {
        expect(b.mid[i]).toBeNaN();
        continue;
      }
      expect(b.mid[i]).toBe(mid[i]);
      expect(Math.abs(b.upper[i]! - (mid[i]! + 2.5 * sd[i]!))).toBeLessThan(1e-9);
      expect(Math.abs(b.lower[i]! - (mid[i]! - 2.5 * sd[i]!))).toBeLessThan(1e-9);
    }
  });
});

describe('bars and arena', () => {
  const bar = (over: Partial<Bar> = {}): Bar => ({ tradeDate: '2025-01-02', open: 10, high: 11, low: 9, close: 10.5, volume: 1000, ...over });

  it('toColumns refuses non-finite values and negative volume (they would poison cumulative MID)', () => {
    expect(toColumns([bar(), bar()]).close[1]).toBe(10.5);
    expect(() => toColumns([bar(), bar({ close: Number.NaN })])).toThrow(/bar 1 \(2025-01-02\)/);
    expect(() => toColumns([bar({ high: Infinity })])).toThrow(RangeError);
    expect(() => toColumns([bar({ volume: -1 })])).toThrow(RangeError);
    expect(() => toColumns([bar({ open: 'abc' as unknown as number })])).toThrow(RangeError);
    expect(toColumns([bar()], true).tradeDates).toEqual(['2025-01-02']);
  });

  it('arena arrays are disjoint, zero-filled, and fall back to the heap past the reservation', () => {
    const arenas = Array.from({ length: 50 }, () => new Arena(300, 2));
    const all = arenas.flatMap((a) => [a.f64(300), a.f64(300), a.f64(300), a.u32(), a.i8(), a.u32()]);
    all.forEach((arr, k) => {
      expect(arr.length).toBe(300);
      expect(arr.every((x) => x === 0)).toBe(true);
      arr.fill((k % 100) + 1);
    });
    // no array spilled into a neighbour: each still holds only its own tag
    all.forEach((arr, k) => expect(arr.every((x) => x === (k % 100) + 1)).toBe(true));
    const big = new Arena(100_000, 3); // larger than a slab share: gets its own buffer
    expect(big.f64(100_000).length).toBe(100_000);
  });
});
