import { Arena } from '../indicators/arena.js';
import { defineStrategy } from './define.js';
import { int, MAX_WINDOW, num } from './params.js';
import { ColumnarSignalSeries } from './series.js';
import { BUY, SELL } from './types.js';

export type VolumeConfirmParams = { period: number; k: number };

const RULES = ['up_on_heavy_volume', 'down_on_heavy_volume'] as const;

/**
 * Volume confirmation: BUY when the close is up from the previous close on heavy volume, SELL when
 * it is down on heavy volume; heavy = volume > k × the average volume of the previous `period`
 * days (today excluded, so a spike does not dilute its own yardstick; fewer days while fewer
 * exist). HOLD on the first bar and on flat closes.
 *
 * Score: sign(close − previous close) × min(1, ratio / (2k)) with ratio = volume / average —
 * the heavy-volume threshold scores ±0.5, twice the threshold ±1; 0 on a flat close.
 * Reasons: {close, volume, avgVolume, volumeRatio}; rulesFired ["up_on_heavy_volume"] /
 * ["down_on_heavy_volume"].
 */
export const volumeConfirmStrategy = defineStrategy<VolumeConfirmParams>({
  id: 'volume_confirm',
  description: 'Price move confirmed by volume: up on heavy volume BUY, down on heavy volume SELL',
  defaultParams: { period: 20, k: 1.5 },
  paramSpecs: [int('period', 'Average volume window', 1, MAX_WINDOW), num('k', 'Heavy volume multiple', 0, 100, { minExclusive: true })],
  compute(bars, p) {
    const n = bars.length;
    const { close, volume } = bars;
    const arena = new Arena(n, 3);
    const avgVolume = arena.f64(n);
    const ratio = arena.f64(n);
    const scores = arena.f64(n);
    const actions = arena.i8();
    const rules = arena.u32();
    const period = p.period;
    let sum = 0; // Σ volume over the `period` days before day i
    if (n > 0) avgVolume[0] = ratio[0] = NaN;
    for (let i = 1; i < n; i++) {
      sum += volume[i - 1]!;
      if (i > period) sum -= volume[i - 1 - period]!;
      const avg = sum / (i < period ? i : period);
      avgVolume[i] = avg;
      const q = avg > 0 ? volume[i]! / avg : NaN;
      ratio[i] = q;
      const move = close[i]! - close[i - 1]!;
      const dir = move > 0 ? 1 : move < 0 ? -1 : 0;
      if (dir === 0 || !(q >= 0)) continue;
      if (q > p.k) {
        actions[i] = dir > 0 ? BUY : SELL;
        rules[i] = dir > 0 ? 1 : 2;
      }
      scores[i] = dir * (q >= 2 * p.k ? 1 : q / (2 * p.k));
    }
    return new ColumnarSignalSeries('volume_confirm', actions, scores, rules, RULES, {
      close,
      volume,
      avgVolume,
      volumeRatio: ratio,
    });
  },
});
