/**
 * Moving averages and rolling statistics as O(n) single passes over typed arrays.
 *
 * Conventions (checked against `technicalindicators` 3.1 in indicators.spec.ts):
 * - Output arrays have the input's length; a value that does not exist yet (warm-up) is NaN.
 *   Day i only ever reads values[0..i] — no look-ahead by construction.
 * - `sma`/`rollingStd` need a full window (first value at index period-1), like the library.
 * - `rollingMean` is pandas' `rolling(window, min_periods=1).mean()`: the mean of the values that
 *   exist so far while fewer than `window` exist; non-finite values count as missing.
 * - `ema` is seeded with the SMA of the first `period` finite values (the library's and TA-Lib's
 *   convention; 通达信 seeds with the first value instead — the two converge geometrically and
 *   differ by < 0.1% of the initial gap after ~4·period bars).
 */

/** Simple moving average, NaN until `period` values exist. Rolling sum: O(n). */
export function sma(
  values: ArrayLike<number>,
  period: number,
  out: Float64Array = new Float64Array(values.length),
): Float64Array {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += values[i]!;
    if (i >= period) sum -= values[i - period]!;
    out[i] = i >= period - 1 ? sum / period : NaN;
  }
  return out;
}

/**
 * pandas `rolling(window, min_periods=1).mean()`: over the last `window` values, or all values so
 * far while fewer exist; non-finite inputs are skipped (NaN output only when none is finite).
 */
export function rollingMean(
  values: ArrayLike<number>,
  window: number,
  out: Float64Array = new Float64Array(values.length),
): Float64Array {
  const n = values.length;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) {
      sum += v;
      count++;
    }
    if (i >= window) {
      const old = values[i - window]!;
      if (Number.isFinite(old)) {
        sum -= old;
        count--;
      }
    }
    out[i] = count > 0 ? sum / count : NaN;
  }
  return out;
}

/** {@link rollingMean} of |values| — the scale used to normalise scores. */
export function rollingMeanAbs(
  values: ArrayLike<number>,
  window: number,
  out: Float64Array = new Float64Array(values.length),
): Float64Array {
  const n = values.length;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) {
      sum += v < 0 ? -v : v;
      count++;
    }
    if (i >= window) {
      const old = values[i - window]!;
      if (Number.isFinite(old)) {
        sum -= old < 0 ? -old : old;
        count--;
      }
    }
    // A rolling sum of non-negative terms can drift a hair below zero after the window empties of
    // large values; clamp so callers can rely on scale >= 0.
    out[i] = count > 0 ? (sum > 0 ? sum / count : 0) : NaN;
  }
  return out;
}

/**
 * Exponential moving average with alpha = 2/(period+1), seeded with the SMA of the first `period`
 * finite values (leading non-finite values — another indicator's warm-up — are skipped).
 */
export function ema(
  values: ArrayLike<number>,
  period: number,
  out: Float64Array = new Float64Array(values.length),
): Float64Array {
  const n = values.length;
  const alpha = 2 / (period + 1);
  let start = 0;
  while (start < n && !Number.isFinite(values[start]!)) out[start++] = NaN;
  let sum = 0;
  let prev = NaN;
  for (let i = start; i < n; i++) {
    const v = values[i]!;
    const k = i - start;
    if (k < period - 1) {
      sum += v;
      out[i] = NaN;
    } else if (k === period - 1) {
      sum += v;
      prev = sum / period;
      out[i] = prev;
    } else {
      prev = (v - prev) * alpha + prev;
      out[i] = prev;
    }
  }
  return out;
}

/**
 * Population standard deviation over a full window (divides by `period`, as the library's
 * Bollinger Bands do; 通达信's STD divides by period-1). Sliding Welford update — no
 * sum-of-squares cancellation on high-priced, low-volatility series.
 */
export function rollingStd(
  values: ArrayLike<number>,
  period: number,
  out: Float64Array = new Float64Array(values.length),
): Float64Array {
  const n = values.length;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    if (i < period) {
      // Growing window: plain Welford.
      const count = i + 1;
      const d = x - mean;
      mean += d / count;
      m2 += d * (x - mean);
    } else {
      // Sliding window of constant size: replace the oldest value.
      const old = values[i - period]!;
      const newMean = mean + (x - old) / period;
      m2 += (x - old) * (x - newMean + old - mean);
      mean = newMean;
    }
    out[i] = i >= period - 1 ? Math.sqrt(m2 > 0 ? m2 / period : 0) : NaN;
  }
  return out;
}
