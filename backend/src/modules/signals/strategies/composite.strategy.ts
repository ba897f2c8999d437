import { Arena } from '../indicators/arena.js';
import { asColumns, type BarColumns, type BarsInput } from '../indicators/bars.js';
import { bollBreakStrategy } from './boll-break.strategy.js';
import { choStrategy } from './cho.strategy.js';
import { ResolvedParams, resolveOrThrow, signalAtVia } from './define.js';
import { maCrossStrategy } from './ma-cross.strategy.js';
import { macdCrossStrategy } from './macd-cross.strategy.js';
import { checkNumeric, isPlainObject, num } from './params.js';
import { rsiBandsStrategy } from './rsi-bands.strategy.js';
import { ColumnarSignalSeries, clampScore } from './series.js';
import { BASE_STRATEGY_IDS, BUY, SELL, type BaseStrategyId, type SignalOutput, type SignalSeries, type Strategy } from './types.js';
import { volumeConfirmStrategy } from './volume-confirm.strategy.js';

export const BASE_STRATEGIES: Readonly<Record<BaseStrategyId, Strategy>> = Object.freeze({
  cho: choStrategy,
  ma_cross: maCrossStrategy,
  macd_cross: macdCrossStrategy,
  rsi_bands: rsiBandsStrategy,
  boll_break: bollBreakStrategy,
  volume_confirm: volumeConfirmStrategy,
});

export type CompositeParams = {
  /** Non-negative weight per component; missing keys take the default (1), 0 leaves it out. */
  weights: Partial<Record<BaseStrategyId, number>>;
  /** BUY when score > buyAbove. */
  buyAbove: number;
  /** SELL when score < sellBelow. */
  sellBelow: number;
  /** Parameter overrides per component (validated by that component); defaults otherwise. */
  components: Partial<Record<BaseStrategyId, Readonly<Record<string, unknown>>>>;
};

const RESOLVED = new ResolvedParams<CompositeParams>({
  weights: { cho: 1, ma_cross: 1, macd_cross: 1, rsi_bands: 1, boll_break: 1, volume_confirm: 1 },
  buyAbove: 0.3,
  sellBelow: -0.3,
  components: {},
});

export const COMPOSITE_DEFAULT_PARAMS: Readonly<CompositeParams> = RESOLVED.defaults;

const WEIGHT_SPEC = num('weight', 'Weight', 0, 100);
const THRESHOLD_SPECS = [
  num('buyAbove', 'BUY above', -1, 1, { maxExclusive: true }),
  num('sellBelow', 'SELL below', -1, 1, { minExclusive: true }),
];
const KEYS = new Set(['weights', 'buyAbove', 'sellBelow', 'components']);

function validateComposite(params: unknown): string[] {
  if (params === undefined) return [];
  if (!isPlainObject(params)) return ['params: must be an object'];
  const errors: string[] = [];
  for (const key of Object.keys(params)) if (!KEYS.has(key)) errors.push(`${key}: unknown parameter`);
  for (const spec of THRESHOLD_SPECS) {
    if (params[spec.key] === undefined) continue;
    const e = checkNumeric(spec, params[spec.key]);
    if (e) errors.push(e);
  }
  const weights = params['weights'];
  if (weights !== undefined) {
    if (!isPlainObject(weights)) errors.push('weights: must be an object');
    else {
      for (const [id, w] of Object.entries(weights)) {
        if (!(BASE_STRATEGY_IDS as readonly string[]).includes(id)) errors.push(`weights.${id}: unknown strategy`);
        else {
          const e = checkNumeric(WEIGHT_SPEC, w, `weights.${id}`);
          if (e) errors.push(e);
        }
      }
    }
  }
  const components = params['components'];
  if (components !== undefined) {
    if (!isPlainObject(components)) errors.push('components: must be an object');
    else {
      for (const [id, p] of Object.entries(components)) {
        const s = (BASE_STRATEGIES as Readonly<Record<string, Strategy>>)[id];
        if (!s) errors.push(`components.${id}: unknown strategy`);
        else for (const e of s.validateParams(p)) errors.push(`components.${id}.${e}`);
      }
    }
  }
  if (errors.length > 0) return errors;
  const merged = mergeComposite(params as Partial<CompositeParams>);
  if (!(merged.sellBelow < merged.buyAbove)) errors.push('sellBelow: must be less than buyAbove');
  if (!BASE_STRATEGY_IDS.some((id) => (merged.weights[id] ?? 0) > 0)) errors.push('weights: at least one must be positive');
  return errors;
}

function mergeComposite(params: Partial<CompositeParams> | undefined): CompositeParams {
  const d = COMPOSITE_DEFAULT_PARAMS;
  return {
    weights: { ...d.weights, ...params?.weights },
    buyAbove: params?.buyAbove ?? d.buyAbove,
    sellBelow: params?.sellBelow ?? d.sellBelow,
    components: { ...d.components, ...params?.components },
  };
}

const RULES: readonly string[] = [
  'score_above_buy',
  'score_below_sell',
  ...BASE_STRATEGY_IDS.flatMap((id) => [`${id}:BUY`, `${id}:SELL`]),
];

/**
 * Weighs already-evaluated component series into the composite (used directly by evaluateAll so
 * the components are not computed twice). `components[id]` must exist for every id with weight > 0.
 */
export function combineComposite(
  length: number,
  components: Partial<Record<BaseStrategyId, SignalSeries>>,
  p: CompositeParams,
): SignalSeries {
  const arena = new Arena(length, 1);
  const scores = arena.f64(length);
  const actions = arena.i8();
  const rules = arena.u32();
  const columns: Record<string, Float64Array> = {};
  let totalWeight = 0;
  const used: { w: number; s: SignalSeries; bit: number }[] = [];
  BASE_STRATEGY_IDS.forEach((id, k) => {
    const w = p.weights[id] ?? 0;
    if (!(w > 0)) return;
    const s = components[id];
    if (!s || s.length !== length) throw new Error(`composite: component ${id} missing or of the wrong length`);
    used.push({ w, s, bit: 2 + 2 * k });
    columns[id] = s.scores;
    totalWeight += w;
  });
  for (const { w, s, bit } of used) {
    const sc = s.scores;
    const act = s.actions;
    for (let i = 0; i < length; i++) {
      scores[i] = scores[i]! + w * sc[i]!;
      const a = act[i]!;
      if (a !== 0) rules[i] = rules[i]! | (1 << (a > 0 ? bit : bit + 1));
    }
  }
  for (let i = 0; i < length; i++) {
    // Each component score is in [-1, 1] and weights are ≥ 0, so the weighted mean is too; clamp
    // only guards rounding.
    const s = clampScore(scores[i]! / totalWeight);
    scores[i] = s;
    if (s > p.buyAbove) {
      actions[i] = BUY;
      rules[i] = rules[i]! | 1;
    } else if (s < p.sellBelow) {
      actions[i] = SELL;
      rules[i] = rules[i]! | 2;
    }
  }
  columns['composite'] = scores;
  return new ColumnarSignalSeries('composite', actions, scores, rules, RULES, columns);
}

function computeComposite(cols: BarColumns, p: CompositeParams): SignalSeries {
  const parts: Partial<Record<BaseStrategyId, SignalSeries>> = {};
  for (const id of BASE_STRATEGY_IDS) {
    if ((p.weights[id] ?? 0) > 0) parts[id] = BASE_STRATEGIES[id].evaluateSeries(cols, p.components[id]);
  }
  return combineComposite(cols.length, parts, p);
}

function resolveComposite(params?: Partial<CompositeParams>): CompositeParams {
  if (params === undefined) return COMPOSITE_DEFAULT_PARAMS;
  if (RESOLVED.isResolved(params)) return params;
  const p = resolveOrThrow('composite', validateComposite(params), mergeComposite(params));
  // Resolve the components too, so evaluation does not validate them again per stock.
  const components: CompositeParams['components'] = {};
  for (const id of BASE_STRATEGY_IDS) {
    if (p.components[id] !== undefined) components[id] = BASE_STRATEGIES[id].resolveParams(p.components[id]);
  }
  return RESOLVED.remember({ ...p, components });
}

/**
 * Composite: the weighted mean of the component scores, score = Σ wₖ·scoreₖ / Σ wₖ ∈ [-1, 1];
 * BUY when score > buyAbove, SELL when score < sellBelow, HOLD otherwise.
 * Reasons: values/prev = each used component's score (keyed by strategy id) and `composite`;
 * rulesFired = "score_above_buy" / "score_below_sell" plus "<id>:BUY" / "<id>:SELL" for every
 * component whose own action fired that day.
 */
export const compositeStrategy: Strategy<CompositeParams> = {
  id: 'composite',
  description: 'Weighted mean of the other strategies’ scores; BUY above / SELL below thresholds',
  defaultParams: COMPOSITE_DEFAULT_PARAMS,
  paramSpecs: THRESHOLD_SPECS,
  validateParams: validateComposite,
  resolveParams: resolveComposite,
  evaluateSeries(bars: BarsInput, params?: Partial<CompositeParams>): SignalSeries {
    return computeComposite(asColumns(bars), resolveComposite(params));
  },
  signalAt(bars: BarsInput, index: number, params?: Partial<CompositeParams>): SignalOutput {
    const p = resolveComposite(params);
    return signalAtVia((cols) => computeComposite(cols, p), bars, index);
  },
};
