import { describe, expect, it } from 'vitest';
import type { MarketBarDto } from '@zhice/shared';
import {
  clampWindow,
  dateLabelIndices,
  drawKline,
  fitScale,
  formatNumber,
  indexAt,
  initialWindow,
  klineData,
  klineLayout,
  klineScales,
  markerPoint,
  niceTicks,
  panWindow,
  valueAt,
  xOf,
  yOf,
  zoomWindow,
} from './klineCanvas';

const day = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
const bar = (i: number, close = 10 + i / 10): MarketBarDto => ({ tradeDate: day(i), open: close - 0.1, high: close + 0.2, low: close - 0.3, close, volume: 1000 + i, amount: 0 });
const bars = (n: number) => Array.from({ length: n }, (_, i) => bar(i));

describe('visible window', () => {
  it('starts on the last 120 days (60 weeks), or everything when there are fewer', () => {
    expect(initialWindow(300)).toEqual({ start: 180, end: 300 });
    expect(initialWindow(300, 'week')).toEqual({ start: 240, end: 300 });
    expect(initialWindow(50)).toEqual({ start: 0, end: 50 });
    expect(initialWindow(0)).toEqual({ start: 0, end: 0 });
  });

  it('is clamped inside the bars, at least 12 wide, on whole bars', () => {
    expect(clampWindow({ start: -5, end: 20 }, 100)).toEqual({ start: 0, end: 25 });
    expect(clampWindow({ start: 90, end: 110 }, 100)).toEqual({ start: 80, end: 100 });
    expect(clampWindow({ start: 40, end: 42 }, 100)).toEqual({ start: 40, end: 52 });
    expect(clampWindow({ start: 0, end: 500 }, 100)).toEqual({ start: 0, end: 100 });
    expect(clampWindow({ start: 0, end: 30 }, 5)).toEqual({ start: 0, end: 5 });
    expect(clampWindow({ start: 0, end: 30 }, 0)).toEqual({ start: 0, end: 0 });
  });

  it('zooms around the anchor: the right edge stays at anchor 1, the middle bar at 0.5', () => {
    expect(zoomWindow({ start: 180, end: 300 }, 300, 0.5, 1)).toEqual({ start: 240, end: 300 });
    expect(zoomWindow({ start: 100, end: 200 }, 300, 0.5, 0.5)).toEqual({ start: 125, end: 175 });
    expect(zoomWindow({ start: 100, end: 200 }, 300, 2, 0)).toEqual({ start: 100, end: 300 });
    // out as far as there are bars, in down to the minimum, and a small zoom still moves a bar
    expect(zoomWindow({ start: 100, end: 200 }, 300, 10)).toEqual({ start: 0, end: 300 });
    expect(zoomWindow({ start: 100, end: 120 }, 300, 0.1)).toEqual({ start: 108, end: 120 });
    expect(zoomWindow({ start: 100, end: 113 }, 300, 0.99)).toEqual({ start: 101, end: 113 });
  });

  it('pans by whole bars and stops at either end', () => {
    expect(panWindow({ start: 100, end: 200 }, 300, -30)).toEqual({ start: 70, end: 170 });
    expect(panWindow({ start: 100, end: 200 }, 300, 500)).toEqual({ start: 200, end: 300 });
    expect(panWindow({ start: 10, end: 110 }, 300, -50)).toEqual({ start: 0, end: 100 });
  });
});

describe('scales', () => {
  const panel = { top: 10, bottom: 110 };

  it('fit the finite values with padding; volume starts at 0; a flat or empty series still spans', () => {
    const s = fitScale([10, null, 20, NaN, undefined], panel, 0.1);
    expect(s.min).toBeCloseTo(9);
    expect(s.max).toBeCloseTo(21);
    expect(fitScale([500, 1000], panel, 0, true)).toMatchObject({ min: 0, max: 1000 });
    const flat = fitScale([5, 5], panel, 0);
    expect(flat.max).toBeGreaterThan(5);
    expect(flat.min).toBeLessThan(5);
    expect(fitScale([], panel, 0)).toMatchObject({ min: 0, max: 1 });
  });

  it('map values to pixels and back (larger values higher up)', () => {
    const s = fitScale([0, 100], panel, 0);
    expect(yOf(s, 0)).toBe(110);
    expect(yOf(s, 100)).toBe(10);
    expect(yOf(s, 25)).toBe(85);
    expect(valueAt(s, 60)).toBeCloseTo(50);
  });

  it('ticks on round steps inside the range', () => {
    expect(niceTicks(0, 100, 4)).toEqual([0, 25, 50, 75, 100]);
    expect(niceTicks(9.87, 12.3, 4)).toEqual([10, 11, 12]);
    expect(niceTicks(9.87, 11.3, 4)).toEqual([10, 10.5, 11]);
    expect(niceTicks(0.013, 0.052, 4)).toEqual([0.02, 0.03, 0.04, 0.05]);
    expect(niceTicks(5, 5)).toEqual([]);
  });

  it('the price scale covers the visible bars and their moving averages only', () => {
    const d = klineData([...bars(20), bar(20, 99)], []);
    const l = klineLayout(400, 400);
    const s = klineScales(d, { start: 0, end: 20 }, l);
    expect(s.price.max).toBeLessThan(20);
    expect(s.price.min).toBeLessThan(9.7);
    expect(s.volume.min).toBe(0);
    const withSpike = klineScales(d, { start: 9, end: 21 }, l);
    expect(withSpike.price.max).toBeGreaterThan(99);
  });
});

describe('layout and hit-testing', () => {
  const l = klineLayout(452, 400);

  it('stacks price, volume and CHO panels over the date row, without overlap', () => {
    expect(l.left).toBe(52);
    expect(l.right).toBe(444);
    expect(l.price.top).toBeLessThan(l.price.bottom);
    expect(l.price.bottom).toBeLessThan(l.volume.top);
    expect(l.volume.bottom).toBeLessThan(l.osc.top);
    expect(l.osc.bottom).toBeLessThan(l.dateY);
    expect(l.price.bottom - l.price.top).toBeGreaterThan(2 * (l.volume.bottom - l.volume.top));
  });

  it('finds the bar under x; nothing left or right of the plot', () => {
    const w = { start: 100, end: 108 }; // 8 bars of 49 px
    expect(indexAt(l, w, l.left)).toBe(100);
    expect(indexAt(l, w, l.left + 48.9)).toBe(100);
    expect(indexAt(l, w, l.left + 49)).toBe(101);
    expect(indexAt(l, w, l.right)).toBe(107);
    expect(indexAt(l, w, l.left - 1)).toBeNull();
    expect(indexAt(l, w, l.right + 1)).toBeNull();
    expect(indexAt(l, { start: 0, end: 0 }, 100)).toBeNull();
    // and back: a bar's centre hits that bar
    for (let i = 100; i < 108; i++) expect(indexAt(l, w, xOf(l, w, i))).toBe(i);
  });

  it('dates about every 76 px, ending near the last bar, none cut at the left edge', () => {
    const w = { start: 0, end: 98 }; // 4 px a bar
    const idx = dateLabelIndices(l, w);
    expect(idx.length).toBeGreaterThanOrEqual(4);
    expect(idx.length).toBeLessThanOrEqual(6);
    expect(idx.at(-1)!).toBeGreaterThan(85);
    for (let k = 1; k < idx.length; k++) expect(xOf(l, w, idx[k]!) - xOf(l, w, idx[k - 1]!)).toBeGreaterThanOrEqual(76);
    expect(xOf(l, w, idx[0]!) - l.left).toBeGreaterThanOrEqual(30);
  });

  it('puts BUY markers under the low and SELL markers over the high', () => {
    const d = klineData(bars(3), [
      { tradeDate: day(0), action: 'BUY', score: 1 },
      { tradeDate: day(1), action: 'SELL', score: -1 },
    ]);
    const w = { start: 0, end: 3 };
    const s = klineScales(d, w, l).price;
    const buy = markerPoint(l, w, s, d.bars[0]!, d.marks[0]!);
    const sell = markerPoint(l, w, s, d.bars[1]!, d.marks[1]!);
    expect(buy.below).toBe(true);
    expect(buy.y).toBeGreaterThan(yOf(s, d.bars[0]!.low));
    expect(sell.below).toBe(false);
    expect(sell.y).toBeLessThan(yOf(s, d.bars[1]!.high));
    expect(buy.x).toBe(xOf(l, w, 0));
  });
});

describe('number format', () => {
  it('groups thousands, keeps the decimals asked for, trims the rest like Intl.NumberFormat', () => {
    const intl = (v: number, max: number, min: number) => new Intl.NumberFormat('en', { maximumFractionDigits: max, minimumFractionDigits: min }).format(v);
    for (const [v, max, min] of [
      [1234.5, 2, 2],
      [12.3, 2, 2],
      [1234567.891, 1, 0],
      [100, 1, 0],
      [0.04, 1, 0],
      [-1234.5, 2, 2],
      [999.996, 2, 2],
    ] as const) {
      expect(formatNumber(v, max, min)).toBe(intl(v, max, min));
      expect(intl(v, max, min)).toBe(new Intl.NumberFormat('zh-CN', { maximumFractionDigits: max, minimumFractionDigits: min }).format(v));
    }
    expect(formatNumber(-0.001, 2, 2)).toBe('0.00'); // no "-0.00"
    expect(formatNumber(NaN)).toBe('—');
  });
});

describe('drawing', () => {
  /** A 2D context that records the calls that put ink on the canvas. */
  function recorder() {
    const calls: Array<{ op: string; fill: string; args: unknown[] }> = [];
    const ctx: Record<string, unknown> = {
      fillStyle: '',
      strokeStyle: '',
      measureText: (s: string) => ({ width: s.length * 6 }),
    };
    for (const op of ['clearRect', 'beginPath', 'moveTo', 'lineTo', 'closePath', 'stroke', 'fill', 'setLineDash']) ctx[op] = () => undefined;
    for (const op of ['fillRect', 'fillText']) ctx[op] = (...args: unknown[]) => calls.push({ op, fill: String(ctx.fillStyle), args });
    return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
  }
  const colors = { up: 'UP', down: 'DOWN', text: 'TEXT', grid: 'GRID', crosshair: 'CROSS', ma: ['A', 'B', 'C'], cho: 'CHO', macho: 'MACHO', markText: 'WHITE' };

  it('red candles and volume for up days, green for down days (A-share), markers with their label, only visible bars', () => {
    const up = { ...bar(0), open: 10, close: 11, high: 11.5, low: 9.5 };
    const down = { ...bar(1), open: 11, close: 10, high: 11.2, low: 9.8 };
    const d = klineData([up, down, bar(2), bar(3)], [{ tradeDate: day(1), action: 'SELL', score: -1 }]);
    const { ctx, calls } = recorder();
    drawKline(ctx, klineLayout(400, 300), {
      data: d,
      window: { start: 0, end: 2 },
      hover: 1,
      pointerY: 50,
      labels: { buy: '买', sell: '卖' },
      colors,
      formatPrice: (v) => v.toFixed(2),
      formatDate: (s) => s,
    });
    const rects = calls.filter((c) => c.op === 'fillRect');
    expect(rects.filter((c) => c.fill === 'UP')).toHaveLength(2); // body + volume of the up day
    expect(rects.filter((c) => c.fill === 'DOWN')).toHaveLength(3); // body + volume + the SELL marker's box
    const texts = calls.filter((c) => c.op === 'fillText').map((c) => c.args[0]);
    expect(texts).toContain('卖');
    expect(texts).not.toContain(day(2)); // outside the window
    // the crosshair's price readout
    expect(rects.some((c) => c.fill === 'CROSS')).toBe(true);
  });
});
