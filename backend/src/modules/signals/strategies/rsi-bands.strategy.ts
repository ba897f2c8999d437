import { Arena } from '../indicators/arena.js';
import { rsi } from '../indicators/rsi.js';
import { defineStrategy } from './define.js';
import { int, MAX_WINDOW, num } from './params.js';
import { ColumnarSignalSeries, clampScore } from './series.js';
import { BUY, SELL } from './types.js';

export type RsiBandsParams = { period: number; low: number; high: number };

const RULES = ['rsi_below_low', 'rsi_above_high'] as const;

/**
 * RSI bands (mean reversion): BUY while RSI < low (oversold), SELL while RSI > high (overbought),
 * HOLD in between and during the first `period` bars.
 *
 * Score: (mid − RSI) / (high − low) with mid = (low + high)/2, clamped — the band edges score
 * ±0.5, one band-width beyond the midline saturates (RSI ≤ 10 → +1, RSI ≥ 90 → −1 with 30/70).
 * Reasons: {rsi}; rulesFired ["rsi_below_low"] / ["rsi_above_high"].
 */
export const rsiBandsStrategy = defineStrategy<RsiBandsParams>({
  id: 'rsi_bands',
  description: 'RSI bands: BUY below the low band (oversold), SELL above the high band (overbought)',
  defaultParams: { period: 14, low: 30, high: 70 },
  paramSpecs: [
    int('period', 'RSI period', 2, MAX_WINDOW),
    num('low', 'Oversold level', 0, 100, { minExclusive: true, maxExclusive: true }),
    num('high', 'Overbought level', 0, 100, { minExclusive: true, maxExclusive: true }),
  ],
  cross: (p) => (p.low < p.high ? [] : ['low: must be less than high']),
  compute(bars, p) {
    const n = bars.length;
    const arena = new Arena(n, 2);
    const r = rsi(bars.close, p.period, arena.f64(n));
    const mid = (p.low + p.high) / 2;
    const width = p.high - p.low;
    const scores = arena.f64(n);
    const actions = arena.i8();
    const rules = arena.u32();
    for (let i = 0; i < n; i++) {
      const v = r[i]!;
      if (v < p.low) {
        actions[i] = BUY;
        rules[i] = 1;
      } else if (v > p.high) {
        actions[i] = SELL;
        rules[i] = 2;
      }
      scores[i] = clampScore((mid - v) / width);
    }
    return new ColumnarSignalSeries('rsi_bands', actions, scores, rules, RULES, { rsi: r });
  },
});
