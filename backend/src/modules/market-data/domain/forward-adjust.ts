import type { AdjFactor, DailyBar } from './market-types.js';

export interface ForwardAdjustOptions {
  /** Round adjusted prices to this many decimals (Tushare's pro_bar uses 2). Unrounded when omitted. */
  decimals?: number;
}

/**
 * Forward-adjusted (前复权, qfq) bars for ONE stock: price × factor / latestFactor, where latestFactor is
 * the factor in force on the last bar of the series. The last bar therefore keeps its traded prices
 * and earlier bars are scaled down across each ex-date, which is what charts and indicators expect.
 *
 * Factors only change on ex-dates, so a bar without a factor row of its own takes the most recent
 * earlier one. Bars older than every factor take the earliest factor (only a gap in the store causes
 * that; it is the least surprising choice and the caller's quality log should show the gap).
 * Volume and amount are not adjusted, as in Tushare's pro_bar.
 */
export function forwardAdjust(
  bars: readonly DailyBar[],
  factors: readonly AdjFactor[],
  options: ForwardAdjustOptions = {},
): DailyBar[] {
  if (bars.length === 0) return [];
  const tsCode = bars[0]!.tsCode;
  if (bars.some((bar) => bar.tsCode !== tsCode)) {
    throw new RangeError('forwardAdjust takes the bars of one stock');
  }
  const ownFactors = factors
    .filter((row) => row.tsCode === tsCode)
    .sort((a, b) => compareStrings(a.tradeDate, b.tradeDate));
  if (ownFactors.length === 0) throw new RangeError(`no adjustment factors for ${tsCode}`);

  const sortedBars = [...bars].sort((a, b) => compareStrings(a.tradeDate, b.tradeDate));
  const factorOn = factorLookup(ownFactors);
  const latestFactor = factorOn(sortedBars[sortedBars.length - 1]!.tradeDate);
  const scale = (price: number, factor: number): number => round(price * (factor / latestFactor), options.decimals);

  return sortedBars.map((bar) => {
    const factor = factorOn(bar.tradeDate);
    const adjusted: DailyBar = {
      ...bar,
      open: scale(bar.open, factor),
      high: scale(bar.high, factor),
      low: scale(bar.low, factor),
      close: scale(bar.close, factor),
    };
    if (bar.preClose !== undefined) adjusted.preClose = scale(bar.preClose, factor);
    return adjusted;
  });
}

/** Factor in force on a date (binary search over factors sorted ascending). */
function factorLookup(sortedFactors: readonly AdjFactor[]): (date: string) => number {
  const earliest = sortedFactors[0]!.factor;
  return (date: string) => {
    let low = 0;
    let high = sortedFactors.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (sortedFactors[mid]!.tradeDate <= date) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found < 0 ? earliest : sortedFactors[found]!.factor;
  };
}

function round(value: number, decimals: number | undefined): number {
  if (decimals === undefined) return value;
  const power = 10 ** decimals;
  return Math.round((value + Number.EPSILON) * power) / power;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
