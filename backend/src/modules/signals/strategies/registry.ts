import { asColumns, type BarsInput } from '../indicators/bars.js';
import { BASE_STRATEGIES, combineComposite, compositeStrategy, type CompositeParams } from './composite.strategy.js';
import { BASE_STRATEGY_IDS, type BaseStrategyId, type SignalSeries, type Strategy, type StrategyId, type StrategyParams } from './types.js';

/** Every strategy, one line each; the default (the existing system's) first. */
export const STRATEGIES: readonly Strategy[] = Object.freeze([
  BASE_STRATEGIES.cho,
  BASE_STRATEGIES.ma_cross,
  BASE_STRATEGIES.macd_cross,
  BASE_STRATEGIES.rsi_bands,
  BASE_STRATEGIES.boll_break,
  BASE_STRATEGIES.volume_confirm,
  compositeStrategy as Strategy,
]);

export const DEFAULT_STRATEGY_ID: StrategyId = 'cho';

export const STRATEGY_IDS: readonly StrategyId[] = Object.freeze(STRATEGIES.map((s) => s.id));

export function isStrategyId(x: unknown): x is StrategyId {
  return typeof x === 'string' && (STRATEGY_IDS as readonly string[]).includes(x);
}

/**
 * The strategy whose signals a VIP level's members see, from the level's stored mapping: the level's
 * strategy, or — while a newly chosen one's signals are still being computed — the one it replaced
 * (the default when the level is unknown or its id is not a strategy). One rule for the levels list
 * (StrategyConfigService.strategyForLevel) and the entitlement read (GET /me/stocks).
 */
export function servedStrategyId(level: { strategyId: string | null; servedStrategyId: string | null } | null | undefined): StrategyId {
  if (level?.servedStrategyId && isStrategyId(level.servedStrategyId)) return level.servedStrategyId;
  return level && isStrategyId(level.strategyId) ? level.strategyId : DEFAULT_STRATEGY_ID;
}

export function getStrategy(id: StrategyId): Strategy {
  const s = STRATEGIES.find((x) => x.id === id);
  if (!s) throw new RangeError(`unknown strategy ${id}`);
  return s;
}

function sameParams(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  if (a === b) return true;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/**
 * Validates and freezes parameters for every strategy once (RangeError on the first invalid one);
 * pass the result to evaluateAll for each of many stocks so nothing is re-validated per stock.
 */
export function resolveAllParams(
  paramsById: Partial<Record<StrategyId, StrategyParams>> = {},
): Record<StrategyId, StrategyParams> {
  const out = {} as Record<StrategyId, StrategyParams>;
  for (const s of STRATEGIES) out[s.id] = s.resolveParams(paramsById[s.id]);
  return out;
}

/**
 * Every strategy over one stock's bars, converting to columns once and computing each component
 * once: the composite reuses the base series whenever its component parameters equal the ones
 * used here (the usual case — the service should pass the stored component params to both).
 * `paramsById[id]` overrides the defaults per strategy; all are validated (RangeError).
 */
export function evaluateAll(
  bars: BarsInput,
  paramsById: Partial<Record<StrategyId, StrategyParams>> = {},
  ids: readonly StrategyId[] = STRATEGY_IDS,
): Partial<Record<StrategyId, SignalSeries>> {
  const cols = asColumns(bars);
  const out: Partial<Record<StrategyId, SignalSeries>> = {};
  const resolved: Partial<Record<BaseStrategyId, StrategyParams>> = {};
  for (const id of BASE_STRATEGY_IDS) {
    if (!ids.includes(id)) continue;
    const s = BASE_STRATEGIES[id];
    const p = s.resolveParams(paramsById[id]); // validated once here, recognised as resolved below
    resolved[id] = p;
    out[id] = s.evaluateSeries(cols, p);
  }
  if (ids.includes('composite')) {
    const cp = compositeStrategy.resolveParams(paramsById.composite as Partial<CompositeParams> | undefined);
    const parts: Partial<Record<BaseStrategyId, SignalSeries>> = {};
    for (const id of BASE_STRATEGY_IDS) {
      if (!((cp.weights[id] ?? 0) > 0)) continue;
      const s = BASE_STRATEGIES[id];
      const p = s.resolveParams(cp.components[id]);
      const have = resolved[id];
      parts[id] = have && out[id] && sameParams(have, p) ? out[id] : s.evaluateSeries(cols, p);
    }
    out.composite = combineComposite(cols.length, parts, cp);
  }
  return out;
}
