import { reserve } from './arena.js';

/**
 * Daily bars as the signal layer consumes them: forward-adjusted (前复权) OHLC, volume in shares,
 * ordered by trade date ascending (oldest first), one bar per trading day.
 *
 * Two equivalent shapes are accepted everywhere: an array of bar objects (what the API and the
 * repository naturally produce) and a columnar form of Float64Arrays (what the hot path wants —
 * convert once per stock with {@link toColumns} and hand the same columns to every strategy).
 */
export interface Bar {
  readonly tradeDate: string;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

export interface BarColumns {
  readonly length: number;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  /** Optional; no indicator or strategy reads dates. */
  readonly tradeDates?: readonly string[];
}

export type BarsInput = readonly Bar[] | BarColumns;

export function isBarColumns(input: BarsInput): input is BarColumns {
  return !Array.isArray(input);
}

/**
 * One pass into five typed arrays, no per-bar allocation. Throws RangeError on a non-finite value
 * or a negative volume (columnar input is trusted as given).
 */
export function toColumns(bars: readonly Bar[], withDates = false): BarColumns {
  const n = bars.length;
  // Five views of slab memory: no backing-store allocation per stock (see arena.ts).
  const [buf, at] = reserve(n * 8 * 5);
  const open = new Float64Array(buf, at, n);
  const high = new Float64Array(buf, at + n * 8, n);
  const low = new Float64Array(buf, at + n * 16, n);
  const close = new Float64Array(buf, at + n * 24, n);
  const volume = new Float64Array(buf, at + n * 32, n);
  for (let i = 0; i < n; i++) {
    const b = bars[i]!;
    open[i] = b.open;
    high[i] = b.high;
    low[i] = b.low;
    close[i] = b.close;
    volume[i] = b.volume;
    // One bad bar would silently poison cumulative indicators (CHO's MID) from then on: refuse it.
    // x − x === 0 holds exactly for finite x (NaN and ±Infinity give NaN).
    const o = open[i]!;
    const h = high[i]!;
    const l = low[i]!;
    const c = close[i]!;
    const v = volume[i]!;
    if (!(o - o === 0 && h - h === 0 && l - l === 0 && c - c === 0 && v - v === 0 && v >= 0)) {
      throw new RangeError(`bar ${i} (${String(b.tradeDate)}): OHLC and volume must be finite numbers, volume ≥ 0`);
    }
  }
  const cols: BarColumns = { length: n, open, high, low, close, volume };
  return withDates ? { ...cols, tradeDates: bars.map((b) => b.tradeDate) } : cols;
}

export function asColumns(input: BarsInput): BarColumns {
  return isBarColumns(input) ? input : toColumns(input);
}

/**
 * The first `length` bars of a columnar series, sharing memory (subarray views, no copy).
 * Used by `signalAt` to prove by construction that day i sees bars[0..i] only.
 */
export function sliceColumns(cols: BarColumns, length: number): BarColumns {
  const n = Math.max(0, Math.min(length, cols.length));
  return {
    length: n,
    open: cols.open.subarray(0, n),
    high: cols.high.subarray(0, n),
    low: cols.low.subarray(0, n),
    close: cols.close.subarray(0, n),
    volume: cols.volume.subarray(0, n),
    ...(cols.tradeDates ? { tradeDates: cols.tradeDates.slice(0, n) } : {}),
  };
}
