import { heapAlloc, type Alloc } from './arena.js';

/**
 * Bollinger Bands: MID = SMA(C, period); UPPER/LOWER = MID ± k·σ with σ the population standard
 * deviation over the same window (technicalindicators' convention; 通达信 uses the sample σ, i.e.
 * bands wider by sqrt(period/(period−1)) ≈ 2.6% at period 20). NaN before index period−1.
 * One pass: rolling sum for MID (as sma()), sliding Welford for σ (as rollingStd()).
 */
export type BollingerParams = {
  period: number;
  k: number;
};

export const BOLLINGER_DEFAULT_PARAMS: Readonly<BollingerParams> = Object.freeze({ period: 20, k: 2 });

export interface BollingerResult {
  mid: Float64Array;
  upper: Float64Array;
  lower: Float64Array;
}

export function bollinger(
  close: ArrayLike<number>,
  params: Partial<BollingerParams> = {},
  alloc: Alloc = heapAlloc,
): BollingerResult {
  const { period, k } = { ...BOLLINGER_DEFAULT_PARAMS, ...params };
  const n = close.length;
  const mid = alloc(n);
  const upper = alloc(n);
  const lower = alloc(n);
  let sum = 0;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < n; i++) {
    const x = close[i]!;
    sum += x;
    if (i < period) {
      const d = x - mean;
      mean += d / (i + 1);
      m2 += d * (x - mean);
    } else {
      const old = close[i - period]!;
      sum -= old;
      const newMean = mean + (x - old) / period;
      m2 += (x - old) * (x - newMean + old - mean);
      mean = newMean;
    }
    if (i >= period - 1) {
      const m = sum / period;
      const band = k * Math.sqrt(m2 > 0 ? m2 / period : 0);
      mid[i] = m;
      upper[i] = m + band;
      lower[i] = m - band;
    } else {
      mid[i] = upper[i] = lower[i] = NaN;
    }
  }
  return { mid, upper, lower };
}
