import { Arena } from '../indicators/arena.js';
import { BOLLINGER_DEFAULT_PARAMS, bollinger, type BollingerParams } from '../indicators/bollinger.js';
import { defineStrategy } from './define.js';
import { int, MAX_WINDOW, num } from './params.js';
import { ColumnarSignalSeries, clampScore, NUMERIC_REL_EPS } from './series.js';
import { BUY, SELL } from './types.js';

const RULES = ['close_above_upper', 'close_below_lower'] as const;

/**
 * Bollinger breakout (trend-following — the product calls it a breakout, and the RSI bands
 * strategy already covers mean reversion, so the two do not duplicate each other in the
 * composite): BUY while the close is above the upper band, SELL while it is below the lower band.
 *
 * Score: (close − MID) / (2·(UPPER − MID)), clamped — the bands score ±0.5, twice the band
 * distance (4σ with k = 2) saturates; 0 while σ = 0 (flat price).
 * Reasons: {close, mid, upper, lower}; rulesFired ["close_above_upper"] / ["close_below_lower"].
 */
export const bollBreakStrategy = defineStrategy<BollingerParams>({
  id: 'boll_break',
  description: 'Bollinger breakout: BUY on a close above the upper band, SELL below the lower band',
  defaultParams: { ...BOLLINGER_DEFAULT_PARAMS },
  paramSpecs: [int('period', 'Window', 2, MAX_WINDOW), num('k', 'Band width (σ)', 0, 10, { minExclusive: true })],
  compute(bars, p) {
    const n = bars.length;
    const close = bars.close;
    const arena = new Arena(n, 4);
    const b = bollinger(close, p, arena.f64);
    const scores = arena.f64(n);
    const actions = arena.i8();
    const rules = arena.u32();
    for (let i = 0; i < n; i++) {
      const c = close[i]!;
      const mid = b.mid[i]!;
      const half = b.upper[i]! - mid;
      // A flat window has σ = 0 up to rounding; never call that a breakout.
      if (!(half > NUMERIC_REL_EPS * Math.abs(mid))) continue;
      if (c > b.upper[i]!) {
        actions[i] = BUY;
        rules[i] = 1;
      } else if (c < b.lower[i]!) {
        actions[i] = SELL;
        rules[i] = 2;
      }
      scores[i] = clampScore((c - mid) / (2 * half));
    }
    return new ColumnarSignalSeries('boll_break', actions, scores, rules, RULES, {
      close,
      mid: b.mid,
      upper: b.upper,
      lower: b.lower,
    });
  },
});
