import { describe, expect, it } from 'vitest';
import { CROSS_DOWN_RULE, CROSS_UP_RULE, fillCrossover } from './crossover.js';
import { BUY, HOLD, SELL } from './types.js';

function run(line: number[], signal: number[], magnitude = line.map(() => 100), window = 3) {
  const n = line.length;
  const out = { actions: new Int8Array(n), scores: new Float64Array(n), rules: new Uint32Array(n) };
  fillCrossover(Float64Array.from(line), Float64Array.from(signal), Float64Array.from(magnitude), window, out.actions, out.scores, out.rules);
  return { actions: [...out.actions], scores: [...out.scores], rules: [...out.rules] };
}

describe('fillCrossover', () => {
  it('fires on the day of the cross only, not while missing or on the first day with both lines', () => {
    const r = run([NaN, 1, 2, 3, 2, 0, -1, -1], [NaN, 2, 2, 2, 2, 2, 2, 2]);
    expect(r.actions).toEqual([HOLD, HOLD, HOLD, BUY, HOLD, SELL, HOLD, HOLD]);
    expect(r.rules).toEqual([0, 0, 0, CROSS_UP_RULE, 0, CROSS_DOWN_RULE, 0, 0]);
  });

  it('the first day both lines exist on opposite sides is no cross (the day before is unknown)', () => {
    expect(run([NaN, 3, 3], [NaN, 2, 2]).actions).toEqual([HOLD, HOLD, HOLD]);
    expect(run([NaN, 1, 3], [NaN, 2, 2]).actions).toEqual([HOLD, HOLD, BUY]);
  });

  it('treats a spread within the dead-zone of the magnitude as zero: a touch is not a side', () => {
    // 1e-12 apart at magnitude 100 is rounding noise (NUMERIC_REL_EPS = 1e-10): flat, then a real move.
    const r = run([1, 2 + 1e-12, 2 - 1e-12, 2 + 1e-12, 3], [2, 2, 2, 2, 2]);
    expect(r.actions).toEqual([HOLD, HOLD, HOLD, HOLD, BUY]);
    expect(r.scores.slice(1, 4)).toEqual([0, 0, 0]);
  });

  it('scores the spread every day it has a side, in units of twice its trailing mean size, clamped', () => {
    // Window 3, today included. Spreads 1, 1, 1: mean 1 → 1 / 2 = 0.5. Then 4: mean (1 + 1 + 4) / 3 = 2
    // → 4 / 4 = 1. Then −8: mean (1 + 4 + 8) / 3 → −8 / (26 / 3) = −12 / 13. Then −200: mean 212 / 3
    // → −200 / (424 / 3) ≈ −1.42, clamped to −1.
    const r = run([3, 3, 3, 6, -6, -198], [2, 2, 2, 2, 2, 2]);
    expect(r.scores).toEqual([0.5, 0.5, 0.5, 1, -12 / 13, -1]);
  });
});
