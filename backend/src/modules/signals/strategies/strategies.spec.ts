import { describe, expect, it } from 'vitest';
import { barsFromCloses, randomBars } from '../../../../test/fixtures/signals/synthetic-bars.js';
import type { Bar } from '../indicators/bars.js';
import { compositeStrategy } from './composite.strategy.js';
import { evaluateAll, getStrategy, STRATEGIES } from './registry.js';
import { BASE_STRATEGY_IDS, type SignalSeries } from './types.js';

const actionsOf = (s: SignalSeries): string[] => Array.from({ length: s.length }, (_, i) => s.actionAt(i));
const indexes = (s: SignalSeries, action: string): number[] => actionsOf(s).flatMap((a, i) => (a === action ? [i] : []));
const ramp = (from: number, to: number, n: number): number[] => Array.from({ length: n }, (_, i) => from + ((to - from) * (i + 1)) / n);

describe('each strategy fires on a crafted series', () => {
  it('cho: closes near the high on volume lift CHO (BUY); closes near the low sink it (SELL)', () => {
    const bars: Bar[] = [];
    const dates = barsFromCloses(new Array(40).fill(10)).map((b) => b.tradeDate);
    for (let i = 0; i < 40; i++) {
      const up = i < 20;
      // close at the high for 20 days, then at the low
      bars.push({ tradeDate: dates[i]!, open: 10, high: 10.2, low: 9.8, close: up ? 10.2 : 9.8, volume: 1e6 });
    }
    const s = getStrategy('cho').evaluateSeries(bars);
    expect(s.actionAt(5)).toBe('BUY');
    expect(s.scores[5]).toBeGreaterThan(0);
    expect(s.actionAt(21)).toBe('SELL');
    expect(s.scores[21]).toBeLessThan(0);
    expect(s.at(21).reasons.rulesFired).toEqual(['cho_falling']);
    // sign(score) = action for CHO, always
    const r = getStrategy('cho').evaluateSeries(randomBars('cho-sign', 300));
    for (let i = 0; i < r.length; i++) expect(Math.sign(r.scores[i]!)).toBe(r.actions[i]);
  });

  it('ma_cross: golden cross when a flat price turns up, death cross when it turns down; flat is quiet', () => {
    const closes = [...new Array(30).fill(10), ...ramp(10, 12, 15), ...ramp(12, 9, 20)];
    const s = getStrategy('ma_cross').evaluateSeries(barsFromCloses(closes));
    expect(indexes(s, 'BUY')).toEqual([30]);
    expect(s.at(30).reasons.rulesFired).toEqual(['golden_cross']);
    const sells = indexes(s, 'SELL');
    expect(sells).toHaveLength(1);
    expect(sells[0]).toBeGreaterThan(45);
    expect(s.at(sells[0]!).reasons.values['maFast']).toBeLessThan(s.at(sells[0]!).reasons.values['maSlow']!);
    for (let i = 20; i < 30; i++) expect(s.scores[i]).toBe(0); // fast = slow on the flat stretch, to the last ulp or not
  });

  it('ma_cross never crosses on a flat price, even where rolling sums disagree in the last bits', () => {
    for (const price of [3.37, 10.01, 17.93, 123.45, 1999.99]) {
      const s = getStrategy('ma_cross').evaluateSeries(barsFromCloses([...ramp(price * 0.8, price, 25), ...new Array(60).fill(price)]));
      expect(indexes(s, 'BUY').filter((i) => i >= 45)).toEqual([]);
      expect(indexes(s, 'SELL').filter((i) => i >= 45)).toEqual([]);
    }
  });

  it('macd_cross: DIF crosses above DEA after a decline turns up, below after a rise turns down', () => {
    const closes = [...ramp(20, 12, 40), ...ramp(12, 18, 25), ...ramp(18, 11, 25)];
    const s = getStrategy('macd_cross').evaluateSeries(barsFromCloses(closes));
    const buys = indexes(s, 'BUY');
    const sells = indexes(s, 'SELL');
    expect(buys.length).toBeGreaterThanOrEqual(1);
    expect(buys[0]).toBeGreaterThanOrEqual(40); // the turn itself: on a steady decline DIF − DEA has decayed to ~0
    expect(buys[0]).toBeLessThan(55);
    expect(sells.some((i) => i > 65 && i < 80)).toBe(true);
    const at = s.at(buys[0]!);
    expect(at.reasons.rulesFired).toEqual(['macd_golden_cross']);
    // On the steady decline DIF and DEA agree to the last bits: equal within the numeric dead-zone.
    expect(at.reasons.prev['dif']!).toBeLessThanOrEqual(at.reasons.prev['dea']! + 1e-9);
    expect(at.reasons.values['dif']).toBeGreaterThan(at.reasons.values['dea']!);
    expect(at.reasons.values['macd']).toBeCloseTo(2 * (at.reasons.values['dif']! - at.reasons.values['dea']!), 12);
    expect(s.actionAt(24)).toBe('HOLD'); // DIF does not exist before slow−1 = 25
  });

  it('rsi_bands: BUY while oversold, SELL while overbought, HOLD in between', () => {
    const closes = [...ramp(20, 10, 20), ...ramp(10, 20, 20)];
    const s = getStrategy('rsi_bands').evaluateSeries(barsFromCloses(closes));
    expect(s.actionAt(13)).toBe('HOLD'); // warm-up: RSI exists from index `period` = 14
    expect(s.actionAt(19)).toBe('BUY');
    expect(s.at(19).reasons.values['rsi']).toBe(0);
    expect(s.scores[19]).toBe(1);
    expect(s.actionAt(39)).toBe('SELL');
    expect(s.at(39).reasons.rulesFired).toEqual(['rsi_above_high']);
    const mixed = getStrategy('rsi_bands').evaluateSeries(barsFromCloses(Array.from({ length: 40 }, (_, i) => 10 + (i % 2) * 0.1)));
    expect(mixed.actionAt(39)).toBe('HOLD');
    expect(Math.abs(mixed.scores[39]!)).toBeLessThan(0.5);
  });

  it('boll_break: BUY on a close above the upper band, SELL below the lower; a flat price never breaks out', () => {
    const closes = [...Array.from({ length: 25 }, (_, i) => 10 + 0.05 * Math.sin(i)), 11, ...Array.from({ length: 25 }, (_, i) => 11 + 0.05 * Math.sin(i)), 9.5];
    const s = getStrategy('boll_break').evaluateSeries(barsFromCloses(closes));
    expect(indexes(s, 'BUY')).toContain(25);
    expect(s.at(25).reasons.values['close']).toBeGreaterThan(s.at(25).reasons.values['upper']!);
    expect(s.actionAt(51)).toBe('SELL');
    expect(s.at(51).reasons.rulesFired).toEqual(['close_below_lower']);
    expect(s.scores[25]).toBeGreaterThan(0.5);
    const flat = getStrategy('boll_break').evaluateSeries(barsFromCloses(new Array(60).fill(17.93)));
    expect(indexes(flat, 'BUY').concat(indexes(flat, 'SELL'))).toEqual([]);
  });

  it('volume_confirm: up on heavy volume BUY, down on heavy volume SELL, light volume or flat close HOLD', () => {
    const closes = [10, 10.1, 10.2, 10.1, 10.2, 10.3, 10.2, 10.5, 10.2, 10.2, 10.4];
    const vols = [1e6, 1e6, 1e6, 1e6, 1e6, 1e6, 1e6, 3e6, 3e6, 5e6, 1.2e6];
    const s = getStrategy('volume_confirm').evaluateSeries(barsFromCloses(closes, vols));
    expect(actionsOf(s)).toEqual(['HOLD', 'HOLD', 'HOLD', 'HOLD', 'HOLD', 'HOLD', 'HOLD', 'BUY', 'SELL', 'HOLD', 'HOLD']);
    expect(s.at(7).reasons.values).toMatchObject({ avgVolume: 1e6, volumeRatio: 3 });
    expect(s.scores[7]).toBe(1); // 3× ≥ 2k = 3
    expect(s.at(8).reasons.rulesFired).toEqual(['down_on_heavy_volume']);
    expect(s.scores[9]).toBe(0); // flat close
    // day 8's yardstick excludes day 8 itself: (6·1e6 + 3e6)/8
    expect(s.at(8).reasons.values['avgVolume']).toBeCloseTo((7e6 + 3e6) / 8, 6);
  });
});

describe('composite', () => {
  it('scores stay in [-1, 1] and every strategy’s score is finite and in range on random series', () => {
    for (let seed = 0; seed < 40; seed++) {
      const all = evaluateAll(randomBars(`range-${seed}`, 200 + seed, { vol: 0.01 + seed * 0.002 }));
      for (const s of STRATEGIES) {
        const sc = all[s.id]!.scores;
        for (let i = 0; i < sc.length; i++) {
          if (!(Number.isFinite(sc[i]) && sc[i]! >= -1 && sc[i]! <= 1)) throw new Error(`${s.id} day ${i}: ${sc[i]}`);
        }
      }
    }
  });

  it('is the weighted mean of the component scores, with BUY/SELL by thresholds', () => {
    const bars = randomBars('composite-mean', 220);
    const weights = { cho: 2, ma_cross: 1, macd_cross: 0, rsi_bands: 0.5, boll_break: 1, volume_confirm: 1.5 };
    const params = { weights, buyAbove: 0.2, sellBelow: -0.1 };
    const s = compositeStrategy.evaluateSeries(bars, params);
    const parts = Object.fromEntries(BASE_STRATEGY_IDS.map((id) => [id, getStrategy(id).evaluateSeries(bars)]));
    const total = 6;
    for (let i = 0; i < s.length; i++) {
      let expected = 0;
      for (const id of BASE_STRATEGY_IDS) expected += weights[id] * parts[id]!.scores[i]!;
      expected /= total;
      expect(s.scores[i]).toBeCloseTo(expected, 12);
      expect(s.actionAt(i)).toBe(expected > 0.2 ? 'BUY' : expected < -0.1 ? 'SELL' : 'HOLD');
    }
    const out = s.at(150);
    expect(Object.keys(out.reasons.values).sort()).toEqual(['boll_break', 'cho', 'composite', 'ma_cross', 'rsi_bands', 'volume_confirm']);
    for (const id of BASE_STRATEGY_IDS) {
      if (id === 'macd_cross') continue;
      const a = parts[id]!.actionAt(150);
      if (a !== 'HOLD') expect(out.reasons.rulesFired).toContain(`${id}:${a}`);
    }
    expect(indexes(s, 'BUY').length).toBeGreaterThan(0);
    expect(indexes(s, 'SELL').length).toBeGreaterThan(0);
  });

  it('a single weighted component drives it: heavy-volume up day → BUY with rule names', () => {
    const closes = [10, 10.1, 10.2, 10.1, 10.2, 10.3, 10.2, 10.5];
    const vols = [1e6, 1e6, 1e6, 1e6, 1e6, 1e6, 1e6, 3e6];
    const w = { cho: 0, ma_cross: 0, macd_cross: 0, rsi_bands: 0, boll_break: 0, volume_confirm: 1 };
    const s = compositeStrategy.evaluateSeries(barsFromCloses(closes, vols), { weights: w });
    expect(s.actionAt(7)).toBe('BUY');
    expect(s.scores[7]).toBe(1);
    expect(s.at(7).reasons.rulesFired).toEqual(['score_above_buy', 'volume_confirm:BUY']);
    expect(Object.keys(s.at(7).reasons.values)).toEqual(['volume_confirm', 'composite']);
  });

  it('component parameter overrides reach the components', () => {
    const bars = randomBars('composite-components', 120);
    const w = { cho: 1, ma_cross: 0, macd_cross: 0, rsi_bands: 0, boll_break: 0, volume_confirm: 0 };
    const a = compositeStrategy.evaluateSeries(bars, { weights: w, components: { cho: { short: 5, long: 10 } } });
    const b = getStrategy('cho').evaluateSeries(bars, { short: 5, long: 10 });
    expect(Array.from(a.scores)).toEqual(Array.from(b.scores));
  });
});
