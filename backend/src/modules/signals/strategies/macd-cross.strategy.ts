import { MACD_DEFAULT_PARAMS, macd, type MacdParams } from '../indicators/macd.js';
import { Arena } from '../indicators/arena.js';
import { fillCrossover } from './crossover.js';
import { defineStrategy } from './define.js';
import { int, MAX_WINDOW } from './params.js';
import { ColumnarSignalSeries } from './series.js';

/** In fillCrossover's bit order: up-cross, down-cross. */
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
    // DIF and DEA are price differences; the price bounds their rounding noise.
    fillCrossover(dif, dea, close, p.slow, actions, scores, rules);
    return new ColumnarSignalSeries('macd_cross', actions, scores, rules, RULES, { dif, dea, macd: bar });
  },
});
