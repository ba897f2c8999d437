import { asColumns, type BarsInput } from './bars.js';
import { rollingMean } from './moving-average.js';

/**
 * Chaikin oscillator in Wind's / 通达信's formulation (the existing system's SignalEngine):
 *
 *   MID   = SUM(VOL·(2·CLOSE−HIGH−LOW)/(HIGH+LOW), 0)   cumulative from the first bar;
 *                                                       a bar with HIGH+LOW = 0 adds 0
 *   CHO   = MA(MID, short) − MA(MID, long)
 *   MACHO = MA(CHO, smooth)
 *
 * MA is pandas' `rolling(n, min_periods=1).mean()`: while fewer than n bars exist it averages the
 * bars that do, so CHO exists from the first bar (CHO[0] = 0). Note the denominator is HIGH+LOW
 * (not HIGH−LOW as in Chaikin's original), so each bar's term is volume × the close's relative
 * distance from the bar's mid-price; it is invariant under price adjustment factors.
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
  /** MA(MID, short) and MA(MID, long); kept because the strategy's numeric dead-zone uses them. */
  maShort: Float64Array;
  maLong: Float64Array;
}

export function cho(bars: BarsInput, params: Partial<ChoParams> = {}): ChoResult {
  const { short, long, smooth } = { ...CHO_DEFAULT_PARAMS, ...params };
  const { length: n, high, low, close, volume } = asColumns(bars);
  const mid = new Float64Array(n);
  let acc = 0;
  for (let i = 0; i < n; i++) {
    const h = high[i]!;
    const l = low[i]!;
    const hl = h + l;
    if (hl !== 0) acc += (volume[i]! * (2 * close[i]! - h - l)) / hl;
    mid[i] = acc;
  }
  const maShort = rollingMean(mid, short);
  const maLong = rollingMean(mid, long);
  const choOut = new Float64Array(n);
  for (let i = 0; i < n; i++) choOut[i] = maShort[i]! - maLong[i]!;
  const macho = rollingMean(choOut, smooth);
  return { mid, cho: choOut, macho, maShort, maLong };
}
