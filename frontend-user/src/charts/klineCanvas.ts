/**
 * The K-line chart's geometry, kept free of the DOM so it is unit-tested (klineCanvas.spec.ts):
 * the chart's data (daily or weekly bars, moving averages, CHO/MACHO, BUY/SELL turns), the visible
 * window of bars and its zoom/pan, the panels' layout, value scales with round ticks, and the bar
 * under a pixel. `drawKline` paints all of it on a 2D canvas context (KlineChart.vue owns the canvas,
 * its size, the pointer/keyboard input and the tooltip).
 *
 * Hand-drawn instead of ECharts: ECharts' core + zrender were ~600 KB of JavaScript and ~0.5 s of a
 * phone's main thread for one chart; this is a few KB and draws ~120 candles in a millisecond or two.
 */
import type { MarketBarDto } from '@zhice/shared';
import { choSeries, MA_WINDOWS, movingAverage, toWeekly, turningPoints, type KlinePeriod, type SignalMark } from './kline';

export interface KlineMark {
  /** index into `bars` */
  index: number;
  action: 'BUY' | 'SELL';
}

export interface KlineData {
  bars: MarketBarDto[];
  /** one series per MA_WINDOWS entry, null until its window fills */
  ma: (number | null)[][];
  cho: number[];
  macho: number[];
  marks: KlineMark[];
}

/** Bars of the period, the lines over them and one marker per bar and action where the signal turned. */
export function klineData(daily: readonly MarketBarDto[], signals: readonly SignalMark[], period: KlinePeriod = 'day'): KlineData {
  const weekly = period === 'week' ? toWeekly(daily) : null;
  const bars = weekly ? weekly.bars : [...daily];
  const index = weekly ? weekly.indexOf : new Map(bars.map((b, i) => [b.tradeDate, i]));
  const { cho, macho } = choSeries(bars);
  const seen = new Set<string>();
  const marks: KlineMark[] = [];
  for (const s of turningPoints(signals.filter((x) => index.has(x.tradeDate)))) {
    const i = index.get(s.tradeDate)!;
    const key = `${i}:${s.action}`;
    // one marker per bar and action (a week may hold several turns)
    if (seen.has(key) || (s.action !== 'BUY' && s.action !== 'SELL')) continue;
    seen.add(key);
    marks.push({ index: i, action: s.action });
  }
  return { bars, ma: MA_WINDOWS.map((n) => movingAverage(bars, n)), cho, macho, marks };
}

/** The bars on screen: indices [start, end). */
export interface BarWindow {
  start: number;
  end: number;
}

/** Fewest bars a zoom shows (or all of them when there are fewer). */
export const MIN_VISIBLE = 12;

/** The last ~120 days (60 weeks) at first, like the old chart's initial zoom. */
export function initialWindow(count: number, period: KlinePeriod = 'day'): BarWindow {
  const shown = period === 'week' ? 60 : 120;
  return { start: Math.max(0, count - shown), end: count };
}

/** A window moved and sized back inside [0, count), at least MIN_VISIBLE bars wide, on whole bars. */
export function clampWindow(w: BarWindow, count: number, min = MIN_VISIBLE): BarWindow {
  if (count <= 0) return { start: 0, end: 0 };
  const size = Math.min(count, Math.max(Math.min(min, count), Math.round(w.end - w.start)));
  const start = Math.max(0, Math.min(count - size, Math.round(w.start)));
  return { start, end: start + size };
}

/**
 * Zooms by `factor` (< 1 shows fewer bars) keeping the point at `anchor` (0 = left edge, 1 = right
 * edge of the window) where it is; a zoom always changes the size by at least one bar while it can.
 */
export function zoomWindow(w: BarWindow, count: number, factor: number, anchor = 1): BarWindow {
  const size = w.end - w.start;
  let next = size * factor;
  if (factor < 1 && Math.round(next) >= size) next = size - 1;
  if (factor > 1 && Math.round(next) <= size) next = size + 1;
  // sized first, so the anchor stays put when the zoom hits the minimum or all bars
  next = Math.min(count, Math.max(Math.min(MIN_VISIBLE, count), Math.round(next)));
  const a = Math.min(1, Math.max(0, anchor));
  const pivot = w.start + a * size;
  const start = pivot - a * next;
  return clampWindow({ start, end: start + next }, count);
}

/** Moves the window by `bars` (positive: later dates), stopping at either end. */
export function panWindow(w: BarWindow, count: number, bars: number): BarWindow {
  return clampWindow({ start: w.start + bars, end: w.end + bars }, count);
}

export interface Panel {
  top: number;
  bottom: number;
}

export interface KlineLayout {
  width: number;
  height: number;
  /** plot area's left and right edge (price labels sit left of `left`) */
  left: number;
  right: number;
  price: Panel;
  volume: Panel;
  osc: Panel;
  /** baseline of the date labels */
  dateY: number;
}

/** Price (~60 %), volume (~17 %) and CHO (the rest) panels over a row of dates, in CSS pixels. */
export function klineLayout(width: number, height: number): KlineLayout {
  const left = 52;
  const right = Math.max(left + 1, width - 8);
  const gap = 10;
  const top = 6;
  const bottom = Math.max(top + 3 * gap, height - 20);
  const avail = Math.max(3, bottom - top - 2 * gap);
  const priceH = Math.round(avail * 0.6);
  const volumeH = Math.round(avail * 0.17);
  const price = { top, bottom: top + priceH };
  const volume = { top: price.bottom + gap, bottom: price.bottom + gap + volumeH };
  const osc = { top: volume.bottom + gap, bottom };
  return { width, height, left, right, price, volume, osc, dateY: height - 5 };
}

export interface Scale {
  min: number;
  max: number;
  top: number;
  bottom: number;
}

/**
 * A linear scale over the finite values given, padded by `pad` of the range at both ends
 * (`fromZero`: starts at 0, for volume); a flat series gets a small range around its value.
 */
export function fitScale(values: Iterable<number | null | undefined>, panel: Panel, pad = 0.06, fromZero = false): Scale {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v == null || !Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === Infinity) {
    min = 0;
    max = 1;
  }
  if (fromZero) min = Math.min(0, min);
  if (max === min) {
    const d = Math.abs(max) * 0.01 || 1;
    max += d;
    if (!fromZero) min -= d;
  }
  const span = max - min;
  return { min: fromZero ? min : min - span * pad, max: max + span * pad, top: panel.top, bottom: panel.bottom };
}

/** The y pixel of a value. */
export function yOf(s: Scale, v: number): number {
  return s.bottom - ((v - s.min) / (s.max - s.min)) * (s.bottom - s.top);
}

/** The value at a y pixel (the crosshair's price). */
export function valueAt(s: Scale, y: number): number {
  return s.min + ((s.bottom - y) / (s.bottom - s.top)) * (s.max - s.min);
}

/** Round tick values (steps of 1, 2, 2.5 or 5 × 10ⁿ) inside [min, max], about `count` of them. */
export function niceTicks(min: number, max: number, count = 4): number[] {
  if (!(max > min) || count < 1) return [];
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Math.round(v / step) * step);
  return out;
}

/** Width of one bar's slot in pixels. */
export function slotWidth(l: KlineLayout, w: BarWindow): number {
  return (l.right - l.left) / Math.max(1, w.end - w.start);
}

/** Centre x of bar `i`. */
export function xOf(l: KlineLayout, w: BarWindow, i: number): number {
  return l.left + (i - w.start + 0.5) * slotWidth(l, w);
}

/** The bar under x (hit-testing for the crosshair), or null outside the plot area or with no bars. */
export function indexAt(l: KlineLayout, w: BarWindow, x: number): number | null {
  if (w.end <= w.start || x < l.left || x > l.right) return null;
  const i = w.start + Math.floor((x - l.left) / slotWidth(l, w));
  return Math.min(w.end - 1, Math.max(w.start, i));
}

/** Which bars get a date label: about one per `minGap` pixels, counted back from the last bar. */
export function dateLabelIndices(l: KlineLayout, w: BarWindow, minGap = 76): number[] {
  const step = Math.max(1, Math.ceil(minGap / slotWidth(l, w)));
  const out: number[] = [];
  // the last label's right half must fit: start half a label in from the right edge
  const lastFit = w.end - 1 - Math.ceil(minGap / 2 / slotWidth(l, w)) + 1;
  for (let i = Math.min(w.end - 1, Math.max(w.start, lastFit)); i >= w.start; i -= step) {
    if (xOf(l, w, i) - l.left >= minGap / 2 - 8) out.unshift(i);
  }
  return out;
}

/** Where a marker goes: under the bar's low for BUY, over its high for SELL (clamped into the panel). */
export function markerPoint(l: KlineLayout, w: BarWindow, s: Scale, bar: MarketBarDto, m: KlineMark): { x: number; y: number; below: boolean } {
  const below = m.action === 'BUY';
  const y = below ? Math.min(s.bottom - 2, yOf(s, bar.low) + 4) : Math.max(s.top + 2, yOf(s, bar.high) - 4);
  return { x: xOf(l, w, m.index), y, below };
}

/** The scales of the three panels over the visible bars. */
export function klineScales(d: KlineData, w: BarWindow, l: KlineLayout): { price: Scale; volume: Scale; osc: Scale } {
  const prices: (number | null | undefined)[] = [];
  const volumes: number[] = [];
  const osc: number[] = [];
  for (let i = w.start; i < w.end; i++) {
    const b = d.bars[i]!;
    prices.push(b.high, b.low);
    for (const s of d.ma) prices.push(s[i]);
    volumes.push(b.volume);
    osc.push(d.cho[i]!, d.macho[i]!);
  }
  return { price: fitScale(prices, l.price, 0.1), volume: fitScale(volumes, l.volume, 0.05, true), osc: fitScale(osc, l.osc, 0.08) };
}

/**
 * A number with grouped thousands ("12,345.6"), at most `max` decimals and at least `min` — the way
 * both UI languages (zh-CN, en) write prices and volumes. Not Intl.NumberFormat: building the first
 * formatter loads the locale's ICU data, ~40 ms of a slow phone's main thread when the chart mounts.
 */
export function formatNumber(v: number, max = 2, min = 0): string {
  if (!Number.isFinite(v)) return '—';
  const [int = '0', fixed = ''] = Math.abs(v).toFixed(max).split('.');
  let frac = fixed;
  while (frac.length > min && frac.endsWith('0')) frac = frac.slice(0, -1);
  const sign = v < 0 && /[1-9]/.test(int + frac) ? '-' : '';
  return `${sign}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''}`;
}

export interface KlineColors {
  up: string;
  down: string;
  text: string;
  grid: string;
  crosshair: string;
  ma: readonly string[];
  cho: string;
  macho: string;
  /** text on the markers */
  markText: string;
}

export interface KlineDrawState {
  data: KlineData;
  window: BarWindow;
  /** hovered/selected bar */
  hover: number | null;
  /** the pointer's y (for the price readout), when it is over the price panel */
  pointerY: number | null;
  labels: { buy: string; sell: string };
  colors: KlineColors;
  /** price axis labels */
  formatPrice: (v: number) => string;
  /** the date label under the axis (e.g. MM-DD or YYYY-MM) */
  formatDate: (tradeDate: string) => string;
}

/** Paints the chart in CSS pixels (the caller has scaled the context for devicePixelRatio). */
export function drawKline(ctx: CanvasRenderingContext2D, l: KlineLayout, st: KlineDrawState): void {
  const { data: d, window: w, colors: c } = st;
  ctx.clearRect(0, 0, l.width, l.height);
  if (w.end <= w.start) return;
  const sc = klineScales(d, w, l);
  const slot = slotWidth(l, w);
  const body = Math.max(1, Math.min(14, slot * 0.7));
  const px = (v: number) => Math.round(v) + 0.5;
  ctx.font = '11px system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif';
  ctx.lineWidth = 1;

  // grid and price labels
  ctx.strokeStyle = c.grid;
  ctx.fillStyle = c.text;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  ctx.beginPath();
  for (const v of niceTicks(sc.price.min, sc.price.max, 4)) {
    const y = px(yOf(sc.price, v));
    ctx.moveTo(l.left, y);
    ctx.lineTo(l.right, y);
    ctx.fillText(st.formatPrice(v), l.left - 6, y);
  }
  for (const p of [l.price, l.volume, l.osc]) {
    ctx.moveTo(l.left, px(p.bottom));
    ctx.lineTo(l.right, px(p.bottom));
  }
  const zero = px(yOf(sc.osc, 0));
  if (zero > l.osc.top && zero < l.osc.bottom) {
    ctx.moveTo(l.left, zero);
    ctx.lineTo(l.right, zero);
  }
  ctx.stroke();

  // candles and volume, one path per colour
  for (const up of [true, false]) {
    ctx.strokeStyle = ctx.fillStyle = up ? c.up : c.down;
    ctx.beginPath();
    for (let i = w.start; i < w.end; i++) {
      const b = d.bars[i]!;
      if (b.close >= b.open !== up) continue;
      const x = xOf(l, w, i);
      ctx.moveTo(px(x), yOf(sc.price, b.high));
      ctx.lineTo(px(x), yOf(sc.price, b.low));
    }
    ctx.stroke();
    for (let i = w.start; i < w.end; i++) {
      const b = d.bars[i]!;
      if (b.close >= b.open !== up) continue;
      const x = xOf(l, w, i) - body / 2;
      const y1 = yOf(sc.price, Math.max(b.open, b.close));
      const y2 = yOf(sc.price, Math.min(b.open, b.close));
      ctx.fillRect(x, y1, body, Math.max(1, y2 - y1));
      const vy = yOf(sc.volume, b.volume);
      ctx.fillRect(x, vy, body, Math.max(0, l.volume.bottom - vy));
    }
  }

  // lines: moving averages over the candles, CHO/MACHO in their panel
  const line = (values: readonly (number | null)[], s: Scale, color: string) => {
    ctx.strokeStyle = color;
    ctx.beginPath();
    let drawing = false;
    for (let i = w.start; i < w.end; i++) {
      const v = values[i];
      if (v == null) {
        drawing = false;
        continue;
      }
      const x = xOf(l, w, i);
      const y = yOf(s, v);
      if (drawing) ctx.lineTo(x, y);
      else ctx.moveTo(x, y);
      drawing = true;
    }
    ctx.stroke();
  };
  d.ma.forEach((s, k) => line(s, sc.price, c.ma[k % c.ma.length]!));
  line(d.cho, sc.osc, c.cho);
  line(d.macho, sc.osc, c.macho);

  // BUY/SELL markers: a small flag under the low / over the high, pointing at the candle
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.font = 'bold 10px system-ui, sans-serif';
  for (const m of d.marks) {
    if (m.index < w.start || m.index >= w.end) continue;
    const { x, y, below } = markerPoint(l, w, sc.price, d.bars[m.index]!, m);
    const text = m.action === 'BUY' ? st.labels.buy : st.labels.sell;
    const bw = Math.max(16, ctx.measureText(text).width + 6);
    const bh = 14;
    const dir = below ? 1 : -1;
    const boxY = y + dir * 5 + (below ? 0 : -bh);
    ctx.fillStyle = m.action === 'BUY' ? c.up : c.down;
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x - 4, y + dir * 5);
    ctx.lineTo(x + 4, y + dir * 5);
    ctx.closePath();
    ctx.fill();
    ctx.fillRect(x - bw / 2, boxY, bw, bh);
    ctx.fillStyle = c.markText;
    ctx.fillText(text, x, boxY + bh / 2 + 0.5);
  }

  // dates
  ctx.font = '11px system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif';
  ctx.fillStyle = c.text;
  ctx.textBaseline = 'alphabetic';
  for (const i of dateLabelIndices(l, w)) ctx.fillText(st.formatDate(d.bars[i]!.tradeDate), xOf(l, w, i), l.dateY);

  // crosshair
  if (st.hover !== null && st.hover >= w.start && st.hover < w.end) {
    const x = px(xOf(l, w, st.hover));
    ctx.strokeStyle = c.crosshair;
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    ctx.moveTo(x, l.price.top);
    ctx.lineTo(x, l.osc.bottom);
    const y = st.pointerY;
    if (y !== null && y >= l.price.top && y <= l.price.bottom) {
      ctx.moveTo(l.left, px(y));
      ctx.lineTo(l.right, px(y));
    }
    ctx.stroke();
    ctx.setLineDash([]);
    if (y !== null && y >= l.price.top && y <= l.price.bottom) {
      ctx.fillStyle = c.crosshair;
      ctx.fillRect(0, y - 8, l.left - 2, 16);
      ctx.fillStyle = c.markText;
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      ctx.fillText(st.formatPrice(valueAt(sc.price, y)), l.left - 6, y);
    }
  }
}
