import { ema } from './moving-average.js';

/**
 * MACD as A-share software shows it: DIF = EMA(C, fast) − EMA(C, slow); DEA = EMA(DIF, signal);
 * MACD (the histogram bar) = 2·(DIF − DEA), 通达信's scaling. EMAs are SMA-seeded (see ema()), so
 * DIF exists from index slow−1 and DEA from slow+signal−2; earlier values are NaN. Equal to
 * technicalindicators' MACD with SimpleMAOscillator = SimpleMASignal = false (MACD→DIF,
 * signal→DEA, histogram→DIF−DEA).
 */
export type MacdParams = {
  fast: number;
  slow: number;
  signal: number;
};

export const MACD_DEFAULT_PARAMS: Readonly<MacdParams> = Object.freeze({ fast: 12, slow: 26, signal: 9 });

export interface MacdResult {
  dif: Float64Array;
  dea: Float64Array;
  macd: Float64Array;
}

export function macd(close: ArrayLike<number>, params: Partial<MacdParams> = {}): MacdResult {
  const { fast, slow, signal } = { ...MACD_DEFAULT_PARAMS, ...params };
  const n = close.length;
  const dif = ema(close, fast);
  const emaSlow = ema(close, slow);
  for (let i = 0; i < n; i++) {
    // DIF starts where both EMAs exist; with fast < slow that is index slow−1.
    dif[i] = i >= Math.max(fast, slow) - 1 ? dif[i]! - emaSlow[i]! : NaN;
  }
  const dea = ema(dif, signal);
  const bar = new Float64Array(n);
  for (let i = 0; i < n; i++) bar[i] = 2 * (dif[i]! - dea[i]!);
  return { dif, dea, macd: bar };
}
