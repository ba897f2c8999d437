/**
 * Columnar daily bars of one stock, as the read side hands them out: one typed array per field,
 * ascending by date. Structurally a `BarColumns` of the signals module (length, open, high, low,
 * close, volume, tradeDates), so a series can go straight into the indicators without copying.
 */
export interface MarketBarSeries {
  readonly tsCode: string;
  readonly length: number;
  readonly tradeDates: string[];
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  /** Shares (never adjusted). */
  readonly volume: Float64Array;
  /** Yuan (never adjusted). */
  readonly amount: Float64Array;
  /** Some bar came from the synthetic demo source. */
  readonly synthetic: boolean;
}

export function allocateSeries(tsCode: string, length: number): MarketBarSeries & { synthetic: boolean } {
  return {
    tsCode,
    length,
    tradeDates: new Array<string>(length),
    open: new Float64Array(length),
    high: new Float64Array(length),
    low: new Float64Array(length),
    close: new Float64Array(length),
    volume: new Float64Array(length),
    amount: new Float64Array(length),
    synthetic: false,
  };
}

/**
 * Forward adjustment (前复权) in place: price × factor / factor on the LAST bar of the series, so the
 * last bar keeps its traded prices and a series ending on day T uses nothing after T (no look-ahead).
 * `factors[i]` is the factor stored for bar i, NaN where none is stored; a gap takes the factor in
 * force before it (`seed` = the latest factor before the first bar, if any), and bars before every
 * known factor take the earliest one (the policy of domain/forward-adjust.ts). A stock without any
 * factor stays unadjusted. Volume and amount are never adjusted.
 */
export function forwardAdjustSeries(series: MarketBarSeries, factors: Float64Array, seed: number | null): void {
  const n = series.length;
  if (n === 0) return;
  let first = Number.NaN;
  for (let i = 0; i < n; i++) {
    if (!Number.isNaN(factors[i]!)) {
      first = factors[i]!;
      break;
    }
  }
  let current = seed !== null && Number.isFinite(seed) && seed > 0 ? seed : first;
  if (Number.isNaN(current)) return;
  const filled = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const f = factors[i]!;
    if (!Number.isNaN(f)) current = f;
    filled[i] = current;
  }
  const latest = filled[n - 1]!;
  for (let i = 0; i < n; i++) {
    const ratio = filled[i]! / latest;
    if (ratio === 1) continue;
    series.open[i] = series.open[i]! * ratio;
    series.high[i] = series.high[i]! * ratio;
    series.low[i] = series.low[i]! * ratio;
    series.close[i] = series.close[i]! * ratio;
  }
}
