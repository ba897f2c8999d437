import { asColumns, sliceColumns, type BarColumns, type BarsInput } from '../indicators/bars.js';
import { validateNumericParams } from './params.js';
import type { NumericParamSpec, SignalOutput, SignalSeries, Strategy, StrategyId } from './types.js';

export interface StrategyDefinition<P extends Record<string, number>> {
  id: StrategyId;
  description: string;
  defaultParams: P;
  paramSpecs: readonly NumericParamSpec[];
  /** Cross-field rules on the merged parameters, e.g. ["short: must be less than long"]. */
  cross?: (p: P) => string[];
  /** O(n) evaluation over validated parameters. */
  compute: (bars: BarColumns, p: P) => SignalSeries;
}

export function resolveOrThrow<P>(id: string, errors: string[], merged: P): P {
  if (errors.length > 0) throw new RangeError(`invalid ${id} params: ${errors.join('; ')}`);
  return merged;
}

export function deepFreeze<T>(x: T): T {
  if (typeof x === 'object' && x !== null && !Object.isFrozen(x)) {
    for (const v of Object.values(x)) deepFreeze(v);
    Object.freeze(x);
  }
  return x;
}

/**
 * Resolved parameter objects are deep-frozen and remembered (per strategy), so handing a resolved
 * object back — `const p = s.resolveParams(stored)` once, then `s.evaluateSeries(bars, p)` for
 * 5,000 stocks — skips re-validation. Anything else is validated on every call.
 */
export class ResolvedParams<P extends object> {
  private readonly seen = new WeakSet<object>();

  constructor(readonly defaults: P) {
    this.seen.add(deepFreeze(defaults));
  }

  isResolved(params: unknown): params is P {
    return typeof params === 'object' && params !== null && this.seen.has(params);
  }

  remember(p: P): P {
    this.seen.add(deepFreeze(p));
    return p;
  }
}

export function signalAtVia(
  evaluate: (cols: BarColumns) => SignalSeries,
  bars: BarsInput,
  index: number,
): SignalOutput {
  const cols = asColumns(bars);
  if (!Number.isInteger(index) || index < 0 || index >= cols.length) {
    throw new RangeError(`day index ${index} outside [0, ${cols.length})`);
  }
  // Evaluate on the prefix only: the no-look-ahead guarantee holds by construction here.
  return evaluate(sliceColumns(cols, index + 1)).at(index);
}

/** A numeric-parameter strategy from its definition. */
export function defineStrategy<P extends Record<string, number>>(def: StrategyDefinition<P>): Strategy<P> {
  const resolved = new ResolvedParams<P>({ ...def.defaultParams });
  const defaults = resolved.defaults;
  const validateParams = (params: unknown): string[] =>
    validateNumericParams(params, def.paramSpecs, defaults, def.cross);
  const resolveParams = (params?: Partial<P>): P => {
    if (params === undefined) return defaults;
    if (resolved.isResolved(params)) return params;
    return resolved.remember(resolveOrThrow(def.id, validateParams(params), { ...defaults, ...params } as P));
  };
  return {
    id: def.id,
    description: def.description,
    defaultParams: defaults,
    paramSpecs: def.paramSpecs,
    validateParams,
    resolveParams,
    evaluateSeries(bars: BarsInput, params?: Partial<P>): SignalSeries {
      return def.compute(asColumns(bars), resolveParams(params));
    },
    signalAt(bars: BarsInput, index: number, params?: Partial<P>): SignalOutput {
      const p = resolveParams(params);
      return signalAtVia((cols) => def.compute(cols, p), bars, index);
    },
  };
}
