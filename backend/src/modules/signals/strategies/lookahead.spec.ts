import { describe, expect, it } from 'vitest';
import { randomBars } from '../../../../test/fixtures/signals/synthetic-bars.js';
import { createPrng } from '../../../common/prng/index.js';
import type { Bar } from '../indicators/bars.js';
import { toColumns } from '../indicators/bars.js';
import { evaluateAll, resolveAllParams, STRATEGIES } from './registry.js';
import type { SignalSeries, StrategyParams } from './types.js';

// Property: the output for day T never depends on a bar after T. For every strategy, on seeded
// random series, replacing every bar after a random T by unrelated values (and truncating the
// series at T) leaves days 0..T bit-for-bit identical, reasons included.

const PARAM_VARIANTS: Record<string, StrategyParams[]> = {
  cho: [{}, { short: 2, long: 5, smooth: 3 }],
  ma_cross: [{}, { fast: 2, slow: 3 }],
  macd_cross: [{}, { fast: 3, slow: 7, signal: 2 }],
  rsi_bands: [{}, { period: 3, low: 45, high: 55 }],
  boll_break: [{}, { period: 5, k: 0.5 }],
  volume_confirm: [{}, { period: 3, k: 1.1 }],
  composite: [{}, { buyAbove: 0.05, sellBelow: -0.05, weights: { cho: 3, rsi_bands: 0 }, components: { ma_cross: { fast: 2, slow: 4 } } }],
};

function expectSamePrefix(a: SignalSeries, b: SignalSeries, t: number): void {
  expect(Array.from(a.actions.subarray(0, t + 1))).toEqual(Array.from(b.actions.subarray(0, t + 1)));
  for (let i = 0; i <= t; i++) {
    if (!Object.is(a.scores[i], b.scores[i])) throw new Error(`${a.strategyId} day ${i}: score ${a.scores[i]} vs ${b.scores[i]}`);
  }
  for (let i = 0; i <= t; i++) expect(b.at(i)).toEqual(a.at(i));
}

function scramble(bars: Bar[], t: number, seed: number): Bar[] {
  const rng = createPrng(seed);
  const tail = randomBars(seed + 1_000_000, bars.length - t - 1, { price: 1 + rng.next() * 200, vol: 0.1 });
  return [...bars.slice(0, t + 1), ...tail.map((b, k) => ({ ...b, volume: b.volume * (1 + 50 * rng.next()), tradeDate: bars[t + 1 + k]!.tradeDate }))];
}

describe('no look-ahead (property, seeded)', () => {
  for (const strategy of STRATEGIES) {
    for (const [v, params] of (PARAM_VARIANTS[strategy.id] ?? [{}]).entries()) {
      it(`${strategy.id} (param set ${v})`, () => {
        const rng = createPrng(`lookahead|${strategy.id}|${v}`);
        for (let trial = 0; trial < 25; trial++) {
          const n = 40 + rng.nextInt(120);
          const bars = randomBars(rng.nextUint32(), n);
          const t = rng.nextInt(n - 1); // T < n−1, so at least one later bar changes
          const full = strategy.evaluateSeries(bars, params);
          const changed = strategy.evaluateSeries(scramble(bars, t, rng.nextUint32()), params);
          const truncated = strategy.evaluateSeries(toColumns(bars.slice(0, t + 1)), params);
          expectSamePrefix(full, changed, t);
          expectSamePrefix(full, truncated, t);
          expect(strategy.signalAt(bars, t, params)).toEqual(full.at(t));
        }
      });
    }
  }

  it('evaluateAll is the same as evaluating each strategy on its own', () => {
    const bars = randomBars('evaluateAll', 250);
    const all = evaluateAll(bars);
    for (const s of STRATEGIES) {
      const alone = s.evaluateSeries(bars);
      expectSamePrefix(alone, all[s.id]!, bars.length - 1);
    }
    const custom = { ma_cross: { fast: 3, slow: 10 }, composite: { components: { ma_cross: { fast: 3, slow: 10 } } } };
    const all2 = evaluateAll(bars, resolveAllParams(custom));
    expectSamePrefix(STRATEGIES[6]!.evaluateSeries(bars, custom.composite), all2.composite!, bars.length - 1);
  });
});
