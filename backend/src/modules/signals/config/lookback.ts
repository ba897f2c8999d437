import { BASE_STRATEGIES } from '../strategies/composite.strategy.js';
import { getStrategy } from '../strategies/registry.js';
import { BASE_STRATEGY_IDS, type StrategyId, type StrategyParams } from '../strategies/types.js';

/** Bars of history a run reads at least (warm-up for EMAs / Wilder smoothing is ~4× the window). */
export const MIN_LOOKBACK_BARS = 300;

function integerWindows(id: StrategyId, params: StrategyParams): number {
  let max = 0;
  for (const spec of getStrategy(id).paramSpecs) {
    const v = params[spec.key];
    if (spec.integer && typeof v === 'number' && v > max) max = v;
  }
  return max;
}

/** The largest integer window any of the strategies (and the composite's components) uses. */
export function maxWindow(paramsById: Partial<Record<StrategyId, StrategyParams>>): number {
  let max = 0;
  for (const [id, params] of Object.entries(paramsById) as [StrategyId, StrategyParams][]) {
    if (id === 'composite') {
      const weights = (params['weights'] ?? {}) as Record<string, number>;
      const components = (params['components'] ?? {}) as Record<string, StrategyParams>;
      for (const base of BASE_STRATEGY_IDS) {
        if (!((weights[base] ?? 0) > 0)) continue;
        max = Math.max(max, integerWindows(base, BASE_STRATEGIES[base].resolveParams(components[base])));
      }
    } else {
      max = Math.max(max, integerWindows(id, params));
    }
  }
  return max;
}

/**
 * Calendar days of bars before T a run reads: fixed for a given parameter set, so re-running a day
 * reads exactly the same window (indicators such as CHO's cumulative MID and EMAs depend on where
 * the series starts) and therefore produces identical rows.
 */
export function lookbackCalendarDays(paramsById: Partial<Record<StrategyId, StrategyParams>>): number {
  const bars = Math.max(MIN_LOOKBACK_BARS, 4 * maxWindow(paramsById));
  return Math.ceil(bars * 1.5);
}
