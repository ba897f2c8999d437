import { actionName, type SignalOutput, type SignalSeries, type StrategyId } from './types.js';

/**
 * Relative numeric dead-zone. Moving averages computed with O(n) rolling sums carry rounding noise
 * of order 1e-16 × n × (magnitude of the inputs). Two quantities that are mathematically equal
 * (fast = slow SMA on a flat price, CHO unchanged through a run of one-price 一字板 bars) can
 * therefore differ by a few ulps and "cross" at random. A difference is treated as zero when it is
 * within NUMERIC_REL_EPS × the magnitude of the operands: 1e-10 is six orders of magnitude above
 * that noise and far below any real move (one price tick is ≥ 1e-6 relative for A-share prices).
 */
export const NUMERIC_REL_EPS = 1e-10;

/** Clamp to [-1, 1]; NaN (no data) becomes 0. */
export function clampScore(x: number): number {
  return x > 1 ? 1 : x < -1 ? -1 : x === x ? x : 0;
}

/**
 * The shared score normalisation: `x` measured in units of twice its recent typical size
 * (`scale` = mean |x| over a trailing window), clamped to [-1, 1]. A typical-size reading scores
 * ±0.5; twice typical or more saturates at ±1. 0 when there is no scale yet.
 */
export function normalisedScore(x: number, scale: number): number {
  return scale > 0 ? clampScore(x / (2 * scale)) : 0;
}

/** Sign with the {@link NUMERIC_REL_EPS} dead-zone: 1, -1, 0 (also 0 for NaN). */
export function signWithin(diff: number, magnitude: number): number {
  const tol = NUMERIC_REL_EPS * (magnitude < 0 ? -magnitude : magnitude);
  return diff > tol ? 1 : diff < -tol ? -1 : 0;
}

function valueOrNull(x: number | undefined): number | null {
  return x !== undefined && Number.isFinite(x) ? x : null;
}

export class ColumnarSignalSeries implements SignalSeries {
  readonly length: number;

  constructor(
    readonly strategyId: StrategyId,
    readonly actions: Int8Array,
    readonly scores: Float64Array,
    readonly rules: Uint32Array,
    readonly ruleNames: readonly string[],
    readonly columns: Readonly<Record<string, Float64Array>>,
  ) {
    this.length = actions.length;
  }

  actionAt(i: number): SignalOutput['action'] {
    this.check(i);
    return actionName(this.actions[i]!);
  }

  at(i: number): SignalOutput {
    this.check(i);
    const values: Record<string, number | null> = {};
    const prev: Record<string, number | null> = {};
    for (const key of Object.keys(this.columns)) {
      const col = this.columns[key]!;
      values[key] = valueOrNull(col[i]);
      prev[key] = i > 0 ? valueOrNull(col[i - 1]) : null;
    }
    const rulesFired: string[] = [];
    const bits = this.rules[i]!;
    if (bits !== 0) {
      for (let r = 0; r < this.ruleNames.length; r++) if (bits & (1 << r)) rulesFired.push(this.ruleNames[r]!);
    }
    return { action: actionName(this.actions[i]!), score: this.scores[i]!, reasons: { values, prev, rulesFired } };
  }

  private check(i: number): void {
    if (!Number.isInteger(i) || i < 0 || i >= this.length) {
      throw new RangeError(`${this.strategyId}: day index ${i} outside [0, ${this.length})`);
    }
  }
}
