import { describe, expect, it } from 'vitest';
import { randomBars } from '../../../../test/fixtures/signals/synthetic-bars.js';
import { toColumns } from '../indicators/bars.js';
import { getStrategy } from '../strategies/registry.js';
import {
  aggregateStats,
  DEFAULT_WINDOWS,
  expectedBaseline,
  forwardReturnColumns,
  forwardReturns,
  isHit,
  sampledBaseline,
  type EvalSample,
  type PoolForwardReturns,
} from './evaluation.js';

describe('forwardReturns / isHit', () => {
  const closes = [10, 11, 9.9, 10, 12, 12, 13, 14, 15, 16, 17, 18];

  it('close-to-close over w bars, null when the future bar is missing', () => {
    expect(forwardReturns(closes, 0, [1, 5, 10, 20])).toEqual([0.1, 0.2, 0.7, null].map((x) => (x === null ? null : expect.closeTo(x, 12))));
    expect(forwardReturns(closes, 11)).toEqual([null, null, null, null]);
    expect(forwardReturns(closes, 10, [1])[0]).toBeCloseTo(18 / 17 - 1, 12);
    expect(forwardReturns([0, 1], 0, [1])).toEqual([null]);
    expect(DEFAULT_WINDOWS).toEqual([1, 5, 10, 20]);
  });

  it('forwardReturnColumns agrees with forwardReturns on every day', () => {
    const cols = forwardReturnColumns(closes);
    closes.forEach((_, i) => {
      const f = forwardReturns(closes, i);
      f.forEach((r, w) => (r === null ? expect(cols[w]![i]).toBeNaN() : expect(cols[w]![i]).toBeCloseTo(r, 14)));
    });
  });

  it('hit = BUY with > 0 or SELL with < 0; HOLD and unknown are not counted; 0 is a miss', () => {
    expect([isHit('BUY', 0.01), isHit('BUY', -0.01), isHit('BUY', 0)]).toEqual([true, false, false]);
    expect([isHit('SELL', -0.01), isHit('SELL', 0.01), isHit('SELL', 0)]).toEqual([true, false, false]);
    expect([isHit('HOLD', 0.5), isHit('BUY', null), isHit('SELL', Number.NaN)]).toEqual([null, null, null]);
  });
});

describe('aggregateStats', () => {
  it('counts, hit rate and direction-adjusted mean return per strategy and window', () => {
    const s = (strategyId: string, action: EvalSample['action'], forward: (number | null)[]): EvalSample => ({
      strategyId,
      tradeDate: '2025-01-02',
      tsCode: 'X',
      action,
      forward,
    });
    const stats = aggregateStats(
      [
        s('b', 'BUY', [0.02, null]),
        s('a', 'BUY', [0.1, 0.2]),
        s('a', 'SELL', [0.05, -0.1]),
        s('a', 'HOLD', [0.3, 0.3]),
        s('a', 'SELL', [-0.03, null]),
      ],
      [1, 5],
    );
    expect(stats).toEqual([
      { strategyId: 'a', window: 1, count: 3, hits: 2, hitRate: 2 / 3, meanReturn: expect.closeTo((0.1 - 0.05 + 0.03) / 3, 12), buyCount: 1, sellCount: 2, meanBuyReturn: 0.1, meanSellReturn: expect.closeTo(0.01, 12) },
      { strategyId: 'a', window: 5, count: 2, hits: 2, hitRate: 1, meanReturn: expect.closeTo(0.15, 12), buyCount: 1, sellCount: 1, meanBuyReturn: 0.2, meanSellReturn: -0.1 },
      { strategyId: 'b', window: 1, count: 1, hits: 1, hitRate: 1, meanReturn: 0.02, buyCount: 1, sellCount: 0, meanBuyReturn: 0.02, meanSellReturn: null },
      { strategyId: 'b', window: 5, count: 0, hits: 0, hitRate: null, meanReturn: null, buyCount: 0, sellCount: 0, meanBuyReturn: null, meanSellReturn: null },
    ]);
  });
});

describe('random-pick baseline', () => {
  it('on a hand-made pool: the share of pool stocks moving the signal’s way on the signal’s date', () => {
    // 2025-01-02: 3 of 4 pool stocks up at w=1; 2025-01-03: 1 of 4 up, 2 down, 1 unknown→ excluded
    const pool: PoolForwardReturns = new Map([
      ['2025-01-02', [[0.1], [0.2], [-0.1], [0.04]]],
      ['2025-01-03', [[0.3], [-0.1], [-0.2], [null]]],
    ]);
    const samples: EvalSample[] = [
      { strategyId: 's', tradeDate: '2025-01-02', tsCode: 'A', action: 'BUY', forward: [0.1] },
      { strategyId: 's', tradeDate: '2025-01-03', tsCode: 'B', action: 'SELL', forward: [-0.1] },
      { strategyId: 's', tradeDate: '2025-01-03', tsCode: 'C', action: 'HOLD', forward: [-0.2] },
      { strategyId: 's', tradeDate: '2025-01-06', tsCode: 'D', action: 'BUY', forward: [0.1] }, // no pool data that day
    ];
    const [b] = expectedBaseline(samples, pool, [1]);
    expect(b!.count).toBe(2);
    expect(b!.hitRate).toBeCloseTo((3 / 4 + 2 / 3) / 2, 12);
    expect(b!.meanReturn).toBeCloseTo((0.06 + 0) / 2, 12); // BUY: pool mean 0.06; SELL: −(0.0)/3 = 0
  });

  it('a rising market: every BUY baseline hits, every SELL baseline misses', () => {
    const pool: PoolForwardReturns = new Map([['2025-01-02', [[0.01], [0.02], [0.03]]]]);
    const mk = (action: 'BUY' | 'SELL'): EvalSample => ({ strategyId: action, tradeDate: '2025-01-02', tsCode: 'A', action, forward: [0.01] });
    const [buy, sell] = expectedBaseline([mk('BUY'), mk('SELL')], pool, [1]);
    expect([buy!.strategyId, buy!.hitRate, sell!.strategyId, sell!.hitRate]).toEqual(['BUY', 1, 'SELL', 0]);
  });

  // A seeded end-to-end run: 60 stocks × 160 bars, the CHO strategy, all windows.
  const pool = Array.from({ length: 60 }, (_, k) => ({ tsCode: `${String(k).padStart(6, '0')}.SZ`, bars: randomBars(`pool-${k}`, 160) }));
  const poolFwd = new Map<string, (number | null)[][]>();
  const samples: EvalSample[] = [];
  for (const { tsCode, bars } of pool) {
    const cols = toColumns(bars);
    const series = getStrategy('cho').evaluateSeries(cols);
    bars.forEach((b, i) => {
      const forward = forwardReturns(cols.close, i);
      let list = poolFwd.get(b.tradeDate);
      if (!list) poolFwd.set(b.tradeDate, (list = []));
      list.push(forward);
      samples.push({ strategyId: 'cho', tradeDate: b.tradeDate, tsCode, action: series.actionAt(i), forward });
    });
  }

  it('strategy stats on the seeded pool equal a naive recount', () => {
    const stats = aggregateStats(samples);
    expect(stats.map((s) => s.window)).toEqual([1, 5, 10, 20]);
    for (const st of stats) {
      const w = DEFAULT_WINDOWS.indexOf(st.window);
      const counted = samples.filter((s) => s.action !== 'HOLD' && s.forward[w] !== null);
      expect(st.count).toBe(counted.length);
      expect(st.hits).toBe(counted.filter((s) => isHit(s.action, s.forward[w]!)).length);
      expect(st.buyCount + st.sellCount).toBe(st.count);
    }
    // 160 bars: 159 days have a 1-day forward return, day 0 is HOLD; CHO is BUY or SELL almost every day
    expect(stats[0]!.count).toBeGreaterThan(60 * 150);
    expect(stats[3]!.count).toBeLessThan(stats[0]!.count);
  });

  it('the sampled baseline is deterministic per seed, independent of input order, and converges to the expected one', () => {
    const expected = expectedBaseline(samples, poolFwd);
    const a = sampledBaseline(samples, poolFwd, DEFAULT_WINDOWS, { seed: 'zhice', draws: 1 });
    const b = sampledBaseline([...samples].reverse(), poolFwd, DEFAULT_WINDOWS, { seed: 'zhice', draws: 1 });
    const c = sampledBaseline(samples, poolFwd, DEFAULT_WINDOWS, { seed: 'other', draws: 1 });
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    const many = sampledBaseline(samples, poolFwd, DEFAULT_WINDOWS, { seed: 1, draws: 50 });
    for (let k = 0; k < expected.length; k++) {
      expect(many[k]!.count).toBe(expected[k]!.count);
      expect(Math.abs(many[k]!.hitRate! - expected[k]!.hitRate!)).toBeLessThan(0.005);
      expect(Math.abs(a[k]!.hitRate! - expected[k]!.hitRate!)).toBeLessThan(0.03);
    }
    // On a driftless random walk neither the strategy nor the baseline should be far from a coin flip.
    for (const e of expected) expect(Math.abs(e.hitRate! - 0.5)).toBeLessThan(0.05);
    expect(() => sampledBaseline(samples, poolFwd, DEFAULT_WINDOWS, { seed: 1, draws: 0 })).toThrow(RangeError);
  });
});
