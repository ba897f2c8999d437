import { CHO_DEFAULT_PARAMS, cho, type ChoParams } from '../indicators/cho.js';
import { Arena } from '../indicators/arena.js';
import { defineStrategy } from './define.js';
import { int, MAX_WINDOW } from './params.js';
import { ColumnarSignalSeries, normalisedScore, signWithin } from './series.js';
import { BUY, SELL } from './types.js';

const RULES = ['cho_rising', 'cho_falling'] as const;

/**
 * The existing system's strategy (seed 003's SignalEngine): BUY when CHO rises from the previous
 * day, SELL when it falls, HOLD when unchanged and on the first bar.
 *
 * Score: ΔCHO = CHO[i] − CHO[i−1] in units of twice its mean |ΔCHO| over the last `long` days
 * (today included), clamped to [-1, 1] — a typical day's rise scores +0.5, a rise twice the
 * recent typical size or more +1. sign(score) always equals the action (0 on HOLD).
 * Reasons: values/prev {mid, cho, macho}; rulesFired ["cho_rising"] or ["cho_falling"].
 */
export const choStrategy = defineStrategy<ChoParams>({
  id: 'cho',
  description: 'Chaikin oscillator (Wind/通达信 CHO): BUY when CHO rises, SELL when it falls',
  defaultParams: { ...CHO_DEFAULT_PARAMS },
  paramSpecs: [
    int('short', 'Short MA of MID (N1)', 1, MAX_WINDOW),
    int('long', 'Long MA of MID (N2)', 2, MAX_WINDOW),
    int('smooth', 'MA of CHO for MACHO (M)', 1, MAX_WINDOW),
  ],
  cross: (p) => (p.short < p.long ? [] : ['short: must be less than long']),
  compute(bars, p) {
    const n = bars.length;
    const arena = new Arena(n, 4);
    const { mid, cho: c, macho } = cho(bars, p, arena.f64);
    const scores = arena.f64(n);
    const actions = arena.i8();
    const rules = arena.u32();
    const long = p.long;
    let absSum = 0; // Σ|ΔCHO| over the deltas of the last `long` days (ΔCHO exists from day 1)
    for (let i = 1; i < n; i++) {
      const d = c[i]! - c[i - 1]!;
      absSum += d < 0 ? -d : d;
      const j = i - long;
      if (j >= 1) {
        const o = c[j]! - c[j - 1]!;
        absSum -= o < 0 ? -o : o;
      }
      // CHO's rounding noise scales with MID (its moving averages are of MID).
      const m0 = mid[i]!;
      const m1 = mid[i - 1]!;
      const s = signWithin(d, (m0 < 0 ? -m0 : m0) + (m1 < 0 ? -m1 : m1));
      if (s === 0) continue;
      actions[i] = s > 0 ? BUY : SELL;
      rules[i] = s > 0 ? 1 : 2;
      scores[i] = normalisedScore(d, absSum > 0 ? absSum / (i < long ? i : long) : 0);
    }
    return new ColumnarSignalSeries('cho', actions, scores, rules, RULES, { mid, cho: c, macho });
  },
});
