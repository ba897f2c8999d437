import { heapAlloc, type Alloc } from './arena.js';
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

export function macd(close: ArrayLike<number>, params: Partial<MacdParams> = {}, alloc: Alloc = heapAlloc): MacdResult {
  const { fast, slow, signal } = { ...MACD_DEFAULT_PARAMS, ...params };
  const n = close.length;
  const dif = alloc(n);
  // Both EMAs in one pass (same arithmetic as ema()), writing only their difference.
  const af = 2 / (fast + 1);
  const as = 2 / (slow + 1);
  const start = Math.max(fast, slow) - 1;
  let sf = 0;
  let ss = 0;
  let ef = NaN;
  let es = NaN;
  for (let i = 0; i < n; i++) {
    const v = close[i]!;
    if (i < fast - 1) sf += v;
    else if (i === fast - 1) ef = (sf + v) / fast;
    else ef = (v - ef) * af + ef;
    if (i < slow - 1) ss += v;
    else if (i === slow - 1) es = (ss + v) / slow;
    else es = (v - es) * as + es;
    dif[i] = i >= start ? ef - es : NaN;
  }
  const dea = ema(dif, signal, alloc(n));
  const bar = alloc(n);
  for (let i = 0; i < n; i++) bar[i] = 2 * (dif[i]! - dea[i]!);
  return { dif, dea, macd: bar };
}
