import { CHO_DEFAULT_PARAMS, cho, type ChoParams } from '../indicators/cho.js';
import { rollingMeanAbs } from '../indicators/moving-average.js';
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
    const r = cho(bars, p);
    const c = r.cho;
    const delta = new Float64Array(n);
    if (n > 0) delta[0] = NaN;
    for (let i = 1; i < n; i++) delta[i] = c[i]! - c[i - 1]!;
    const scale = rollingMeanAbs(delta, p.long);
    const actions = new Int8Array(n);
    const scores = new Float64Array(n);
    const rules = new Uint32Array(n);
    const { maShort, maLong } = r;
    for (let i = 1; i < n; i++) {
      // CHO is a difference of two MAs of MID; their size bounds its rounding noise.
      const mag = Math.max(Math.abs(maShort[i]!), Math.abs(maLong[i]!), Math.abs(maShort[i - 1]!), Math.abs(maLong[i - 1]!));
      const s = signWithin(delta[i]!, mag);
      if (s > 0) {
        actions[i] = BUY;
        rules[i] = 1;
      } else if (s < 0) {
        actions[i] = SELL;
        rules[i] = 2;
      }
      scores[i] = s === 0 ? 0 : normalisedScore(delta[i]!, scale[i]!);
    }
    return new ColumnarSignalSeries('cho', actions, scores, rules, RULES, { mid: r.mid, cho: c, macho: r.macho });
  },
});
