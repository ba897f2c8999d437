import { MACD_DEFAULT_PARAMS, macd, type MacdParams } from '../indicators/macd.js';
import { rollingMeanAbs } from '../indicators/moving-average.js';
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
    const m = macd(close, p);
    const hist = new Float64Array(n);
    for (let i = 0; i < n; i++) hist[i] = m.dif[i]! - m.dea[i]!;
    const scale = rollingMeanAbs(hist, p.slow);
    const actions = new Int8Array(n);
    const scores = new Float64Array(n);
    const rules = new Uint32Array(n);
    let prevSide = NaN;
    for (let i = 0; i < n; i++) {
      const h = hist[i]!;
      // DIF and DEA are price differences; the price bounds their rounding noise.
      const side = h === h ? signWithin(h, close[i]!) : NaN;
      if (side === 1 && prevSide <= 0) {
        actions[i] = BUY;
        rules[i] = 1;
      } else if (side === -1 && prevSide >= 0) {
        actions[i] = SELL;
        rules[i] = 2;
      }
      scores[i] = side === 0 ? 0 : normalisedScore(h, scale[i]!);
      prevSide = side;
    }
    return new ColumnarSignalSeries('macd_cross', actions, scores, rules, RULES, { dif: m.dif, dea: m.dea, macd: m.macd });
  },
});
