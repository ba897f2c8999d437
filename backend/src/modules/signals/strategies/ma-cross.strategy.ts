import { Arena } from '../indicators/arena.js';
import { sma } from '../indicators/moving-average.js';
import { defineStrategy } from './define.js';
import { int, MAX_WINDOW } from './params.js';
import { ColumnarSignalSeries, normalisedScore, signWithin } from './series.js';
import { BUY, SELL } from './types.js';

export type MaCrossParams = { fast: number; slow: number };

const RULES = ['golden_cross', 'death_cross'] as const;

/**
 * Moving-average cross on closes: BUY on the day SMA(fast) crosses above SMA(slow) (yesterday
 * fast ≤ slow, today fast > slow), SELL on the day it crosses below; HOLD otherwise, and until both
 * averages exist on two consecutive days.
 *
 * Score (every day, not only on crosses): spread = SMA(fast) − SMA(slow) in units of twice its
 * mean |spread| over the last `slow` days, clamped — the trend state, > 0 while fast is above slow.
 * Reasons: {close, maFast, maSlow}; rulesFired ["golden_cross"] / ["death_cross"].
 */
export const maCrossStrategy = defineStrategy<MaCrossParams>({
  id: 'ma_cross',
  description: 'SMA(fast) crossing SMA(slow): golden cross BUY, death cross SELL',
  defaultParams: { fast: 5, slow: 20 },
  paramSpecs: [int('fast', 'Fast SMA', 1, MAX_WINDOW), int('slow', 'Slow SMA', 2, MAX_WINDOW)],
  cross: (p) => (p.fast < p.slow ? [] : ['fast: must be less than slow']),
  compute(bars, p) {
    const n = bars.length;
    const close = bars.close;
    const arena = new Arena(n, 3);
    const fast = sma(close, p.fast, arena.f64(n));
    const slow = sma(close, p.slow, arena.f64(n));
    const scores = arena.f64(n);
    const actions = arena.i8();
    const rules = arena.u32();
    const w = p.slow;
    let absSum = 0; // Σ|spread| over the last `slow` days where the spread exists
    let count = 0;
    let prevSide = NaN;
    for (let i = 0; i < n; i++) {
      const sp = fast[i]! - slow[i]!;
      if (sp === sp) {
        absSum += sp < 0 ? -sp : sp;
        count++;
      }
      if (i >= w) {
        const o = fast[i - w]! - slow[i - w]!;
        if (o === o) {
          absSum -= o < 0 ? -o : o;
          count--;
        }
      }
      const side = sp === sp ? signWithin(sp, slow[i]!) : NaN;
      if (side === 1 && prevSide <= 0) {
        actions[i] = BUY;
        rules[i] = 1;
      } else if (side === -1 && prevSide >= 0) {
        actions[i] = SELL;
        rules[i] = 2;
      }
      if (side === 1 || side === -1) scores[i] = normalisedScore(sp, absSum > 0 ? absSum / count : 0);
      prevSide = side;
    }
    return new ColumnarSignalSeries('ma_cross', actions, scores, rules, RULES, { close, maFast: fast, maSlow: slow });
  },
});
