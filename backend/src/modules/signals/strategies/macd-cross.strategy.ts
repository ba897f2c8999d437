import { MACD_DEFAULT_PARAMS, macd, type MacdParams } from '../indicators/macd.js';
import { Arena } from '../indicators/arena.js';
import { defineStrategy } from './define.js';
import { int, MAX_WINDOW } from './params.js';
import { ColumnarSignalSeries, normalisedScore, signWithin } from './series.js';
import { BUY, SELL } from './types.js';

const RULES = ['macd_golden_cross', 'macd_death_cross'] as const;

/**
 * MACD cross: BUY on the day DIF crosses above DEA (金叉), SELL on the day it crosses below (死叉).
 *
 * Score (every day): DIF − DEA in units of twice its mean |DIF − DEA| over the last `slow` days,
 * clamped — momentum state, > 0 while DIF is above DEA.
 * Reasons: {dif, dea, macd} with macd = 2·(DIF − DEA); rulesFired ["macd_golden_cross"] /
 * ["macd_death_cross"].
 */
export const macdCrossStrategy = defineStrategy<MacdParams>({
  id: 'macd_cross',
  description: 'MACD DIF crossing DEA: golden cross BUY, death cross SELL',
  defaultParams: { ...MACD_DEFAULT_PARAMS },
  paramSpecs: [
    int('fast', 'Fast EMA', 1, MAX_WINDOW),
    int('slow', 'Slow EMA', 2, MAX_WINDOW),
    int('signal', 'Signal (DEA) EMA', 1, MAX_WINDOW),
  ],
  cross: (p) => (p.fast < p.slow ? [] : ['fast: must be less than slow']),
  compute(bars, p) {
    const n = bars.length;
    const close = bars.close;
    const arena = new Arena(n, 4);
    const { dif, dea, macd: bar } = macd(close, p, arena.f64);
    const scores = arena.f64(n);
    const actions = arena.i8();
    const rules = arena.u32();
    const w = p.slow;
    let absSum = 0; // Σ|DIF − DEA| over the last `slow` days where it exists
    let count = 0;
    let prevSide = NaN;
    for (let i = 0; i < n; i++) {
      const h = dif[i]! - dea[i]!;
      if (h === h) {
        absSum += h < 0 ? -h : h;
        count++;
      }
      if (i >= w) {
        const o = dif[i - w]! - dea[i - w]!;
        if (o === o) {
          absSum -= o < 0 ? -o : o;
          count--;
        }
      }
      // DIF and DEA are price differences; the price bounds their rounding noise.
      const side = h === h ? signWithin(h, close[i]!) : NaN;
      if (side === 1 && prevSide <= 0) {
        actions[i] = BUY;
        rules[i] = 1;
      } else if (side === -1 && prevSide >= 0) {
        actions[i] = SELL;
        rules[i] = 2;
      }
      if (side === 1 || side === -1) scores[i] = normalisedScore(h, absSum > 0 ? absSum / count : 0);
      prevSide = side;
    }
    return new ColumnarSignalSeries('macd_cross', actions, scores, rules, RULES, { dif, dea, macd: bar });
  },
});
