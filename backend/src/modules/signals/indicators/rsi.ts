/**
 * Wilder's RSI: average gain / loss over the first `period` changes (simple mean), then Wilder
 * smoothing avg = (avg·(period−1) + x) / period. First value at index `period`; NaN before.
 * Equal to technicalindicators' RSI except that (a) the library rounds to 2 decimals and we do not,
 * and (b) when both averages are 0 (a perfectly flat stretch) the library says 100 and we say 50 —
 * a flat price is neither overbought nor oversold (it would otherwise fire a SELL on every
 * suspended-looking series).
 */
export function rsi(
  close: ArrayLike<number>,
  period = 14,
  out: Float64Array = new Float64Array(close.length),
): Float64Array {
  const n = close.length;
  if (n > 0) out[0] = NaN;
  let avgGain = 0;
  let avgLoss = 0;
  for (let i = 1; i < n; i++) {
    const change = close[i]! - close[i - 1]!;
    const gain = change > 0 ? change : 0;
    const loss = change < 0 ? -change : 0;
    if (i <= period) {
      avgGain += gain;
      avgLoss += loss;
      if (i < period) {
        out[i] = NaN;
        continue;
      }
      avgGain /= period;
      avgLoss /= period;
    } else {
      avgGain = (avgGain * (period - 1) + gain) / period;
      avgLoss = (avgLoss * (period - 1) + loss) / period;
    }
    out[i] =
      avgLoss === 0 ? (avgGain === 0 ? 50 : 100) : avgGain === 0 ? 0 : 100 - 100 / (1 + avgGain / avgLoss);
  }
  return out;
}
