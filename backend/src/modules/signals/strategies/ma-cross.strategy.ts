import { Arena } from '../indicators/arena.js';
import { sma } from '../indicators/moving-average.js';
import { fillCrossover } from './crossover.js';
import { defineStrategy } from './define.js';
import { int, MAX_WINDOW } from './params.js';
import { ColumnarSignalSeries } from './series.js';

export type MaCrossParams = { fast: number; slow: number };

/** In fillCrossover's bit order: up-cross, down-cross. */
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
    // Dead-zone by the slow average: both averages are of the price, so it bounds their rounding noise.
    fillCrossover(fast, slow, slow, p.slow, actions, scores, rules);
    return new ColumnarSignalSeries('ma_cross', actions, scores, rules, RULES, { close, maFast: fast, maSlow: slow });
  },
});
