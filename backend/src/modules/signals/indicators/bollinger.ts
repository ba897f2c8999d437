import { rollingStd, sma } from './moving-average.js';

/**
 * Bollinger Bands: MID = SMA(C, period); UPPER/LOWER = MID ± k·σ with σ the population standard
 * deviation over the same window (technicalindicators' convention; 通达信 uses the sample σ, i.e.
 * bands wider by sqrt(period/(period−1)) ≈ 2.6% at period 20). NaN before index period−1.
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
  sd: Float64Array;
}

export function bollinger(close: ArrayLike<number>, params: Partial<BollingerParams> = {}): BollingerResult {
  const { period, k } = { ...BOLLINGER_DEFAULT_PARAMS, ...params };
  const n = close.length;
  const mid = sma(close, period);
  const sd = rollingStd(close, period);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    upper[i] = mid[i]! + k * sd[i]!;
    lower[i] = mid[i]! - k * sd[i]!;
  }
  return { mid, upper, lower, sd };
}
