import type { BarsInput } from '../indicators/bars.js';

export type StrategyId = 'cho' | 'ma_cross' | 'macd_cross' | 'rsi_bands' | 'boll_break' | 'volume_confirm' | 'composite';
/** Every strategy but the composite — the ones a composite can weigh. */
export type BaseStrategyId = Exclude<StrategyId, 'composite'>;
export const BASE_STRATEGY_IDS: readonly BaseStrategyId[] = Object.freeze([
  'cho',
  'ma_cross',
  'macd_cross',
  'rsi_bands',
  'boll_break',
  'volume_confirm',
]);

export type SignalAction = 'BUY' | 'SELL' | 'HOLD';
/** Action codes in {@link SignalSeries.actions}. */
export const BUY = 1;
export const SELL = -1;
export const HOLD = 0;

export function actionName(code: number): SignalAction {
  return code > 0 ? 'BUY' : code < 0 ? 'SELL' : 'HOLD';
}

/**
 * Why a signal is what it is. `values` are the indicator values on the day, `prev` the same keys on
 * the previous day (null where a value does not exist: warm-up, or day 0 for `prev`), `rulesFired`
 * the names of the rules that held on the day (empty on a quiet HOLD).
 */
export interface SignalReasons {
  values: Record<string, number | null>;
  prev: Record<string, number | null>;
  rulesFired: string[];
}

export interface SignalOutput {
  action: SignalAction;
  /** In [-1, 1]; > 0 bullish, < 0 bearish, magnitude = conviction. Always finite. */
  score: number;
  reasons: SignalReasons;
}

/**
 * A strategy's output for every day of a series, columnar. Day i depends on bars[0..i] only.
 * Objects (with reasons) are materialised on demand by `at(i)`, so evaluating 5,000 stocks
 * allocates a handful of typed arrays per stock and nothing per bar.
 */
export interface SignalSeries {
  readonly strategyId: StrategyId;
  readonly length: number;
  /** {@link BUY} / {@link SELL} / {@link HOLD} per day. */
  readonly actions: Int8Array;
  readonly scores: Float64Array;
  /** Bit r set on day i ⇔ ruleNames[r] fired on day i. */
  readonly rules: Uint32Array;
  readonly ruleNames: readonly string[];
  /**
   * Indicator columns by the key used in reasons.values (NaN where a value does not exist). May
   * share memory with the input columns (e.g. close) and with an allocation slab: treat as
   * read-only, and materialise (`at(i)`) rather than keep series around (see indicators/arena.ts).
   */
  readonly columns: Readonly<Record<string, Float64Array>>;
  actionAt(i: number): SignalAction;
  at(i: number): SignalOutput;
}

export type StrategyParams = Readonly<Record<string, unknown>>;

/** Declarative description of a numeric parameter (drives validation and the admin form). */
export interface NumericParamSpec {
  readonly key: string;
  readonly label: string;
  readonly integer: boolean;
  readonly min: number;
  readonly max: number;
  /** When true the bound itself is not allowed. */
  readonly minExclusive?: boolean;
  readonly maxExclusive?: boolean;
}

export interface Strategy<P extends StrategyParams = StrategyParams> {
  readonly id: StrategyId;
  /** One line, for admins: what it does and what the score means. */
  readonly description: string;
  readonly defaultParams: Readonly<P>;
  /** Numeric parameters (the composite's weights are described separately). */
  readonly paramSpecs: readonly NumericParamSpec[];
  /**
   * Problems with `params` (a partial override of the defaults; unknown keys are errors), as
   * messages of the form "<key>: <problem>". Empty array ⇔ valid.
   */
  validateParams(params: unknown): string[];
  /** Defaults merged with `params`; throws RangeError listing validateParams' errors. */
  resolveParams(params?: Partial<P>): P;
  /**
   * The whole series in one O(n) pass; day i uses bars[0..i] only. Bars must be finite (toColumns
   * checks bar objects; columnar input is trusted). Pass an object returned by resolveParams to
   * skip validation when evaluating many stocks with the same parameters.
   */
  evaluateSeries(bars: BarsInput, params?: Partial<P>): SignalSeries;
  /** The signal for day `index` computed from bars[0..index] only. */
  signalAt(bars: BarsInput, index: number, params?: Partial<P>): SignalOutput;
}
