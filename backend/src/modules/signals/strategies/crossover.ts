import { normalisedScore, signWithin } from './series.js';
import { BUY, SELL } from './types.js';

/** Rule bits written by {@link fillCrossover}: a strategy lists its up-cross rule first, then the down-cross. */
export const CROSS_UP_RULE = 1;
export const CROSS_DOWN_RULE = 2;

/**
 * The crossover rule of the two-line strategies (MA cross: SMA(fast) over SMA(slow); MACD cross:
 * DIF over DEA), written into a strategy's output columns in one O(n) pass.
 *
 * With spread = line − signal on day i:
 * - side = sign of the spread, zero within the NUMERIC_REL_EPS dead-zone of `magnitude[i]` (the
 *   size that bounds the spread's rounding noise), NaN while either line is missing;
 * - BUY (rule bit {@link CROSS_UP_RULE}) on the day the side becomes 1 after ≤ 0 the day before,
 *   SELL (bit {@link CROSS_DOWN_RULE}) on the day it becomes −1 after ≥ 0; HOLD otherwise, and until
 *   both lines exist on two consecutive days (NaN compares false);
 * - score every day the side is ±1: the spread in units of twice its mean |spread| over the last
 *   `window` days (days without a spread left out), clamped — the trend state, not only the cross.
 *
 * Output arrays are the strategy's (zero-filled, from its arena): nothing is allocated here, per
 * series or per bar.
 */
export function fillCrossover(
  line: Float64Array,
  signal: Float64Array,
  magnitude: Float64Array,
  window: number,
  actions: Int8Array,
  scores: Float64Array,
  rules: Uint32Array,
): void {
  const n = actions.length;
  let absSum = 0; // Σ|spread| over the last `window` days where the spread exists
  let count = 0;
  let prevSide = NaN;
  for (let i = 0; i < n; i++) {
    const sp = line[i]! - signal[i]!;
    if (sp === sp) {
      absSum += sp < 0 ? -sp : sp;
      count++;
    }
    if (i >= window) {
      const o = line[i - window]! - signal[i - window]!;
      if (o === o) {
        absSum -= o < 0 ? -o : o;
        count--;
      }
    }
    const side = sp === sp ? signWithin(sp, magnitude[i]!) : NaN;
    if (side === 1 && prevSide <= 0) {
      actions[i] = BUY;
      rules[i] = CROSS_UP_RULE;
    } else if (side === -1 && prevSide >= 0) {
      actions[i] = SELL;
      rules[i] = CROSS_DOWN_RULE;
    }
    if (side === 1 || side === -1) scores[i] = normalisedScore(sp, absSum > 0 ? absSum / count : 0);
    prevSide = side;
  }
}
