import { heapAlloc, type Alloc } from './arena.js';
import { asColumns, type BarsInput } from './bars.js';

/**
 * Chaikin oscillator in Wind's / 通达信's formulation (the existing system's SignalEngine):
 *
 *   MID   = SUM(VOL·(2·CLOSE−HIGH−LOW)/(HIGH+LOW), 0)   cumulative from the first bar;
 *                                                       a bar with HIGH+LOW = 0 adds 0
 *   CHO   = MA(MID, short) − MA(MID, long)
 *   MACHO = MA(CHO, smooth)
 *
 * MA is pandas' `rolling(n, min_periods=1).mean()`: while fewer than n bars exist it averages the
 * bars that do, so CHO exists from the first bar (CHO = 0 while fewer than `short` bars exist —
 * both averages then cover the same bars). The denominator is HIGH+LOW (not HIGH−LOW as in
 * Chaikin's original), so each bar adds volume × the close's relative distance from the bar's
 * mid-price — invariant under price adjustment factors.
 *
 * One fused O(n) pass with rolling sums (same arithmetic as `rollingMean`); inputs must be finite
 * (a NaN bar would propagate, where pandas would skip it — the bar repository never yields one).
 */
export type ChoParams = {
  short: number;
  long: number;
  smooth: number;
};

export const CHO_DEFAULT_PARAMS: Readonly<ChoParams> = Object.freeze({ short: 3, long: 24, smooth: 24 });

export interface ChoResult {
  mid: Float64Array;
  cho: Float64Array;
  macho: Float64Array;
}

export function cho(bars: BarsInput, params: Partial<ChoParams> = {}, alloc: Alloc = heapAlloc): ChoResult {
  const { short, long, smooth } = { ...CHO_DEFAULT_PARAMS, ...params };
  const { length: n, high, low, close, volume } = asColumns(bars);
  const mid = alloc(n);
  const choOut = alloc(n);
  const macho = alloc(n);
  let acc = 0;
  let sumShort = 0;
  let sumLong = 0;
  let sumCho = 0;
  for (let i = 0; i < n; i++) {
    const h = high[i]!;
    const l = low[i]!;
    const hl = h + l;
    if (hl !== 0) acc += (volume[i]! * (2 * close[i]! - h - l)) / hl;
    mid[i] = acc;
    sumShort += acc;
    if (i >= short) sumShort -= mid[i - short]!;
    sumLong += acc;
    if (i >= long) sumLong -= mid[i - long]!;
    const c = sumShort / (i < short ? i + 1 : short) - sumLong / (i < long ? i + 1 : long);
    choOut[i] = c;
    sumCho += c;
    if (i >= smooth) sumCho -= choOut[i - smooth]!;
    macho[i] = sumCho / (i < smooth ? i + 1 : smooth);
  }
  return { mid, cho: choOut, macho };
}
