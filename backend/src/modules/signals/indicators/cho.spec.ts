import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { choStrategy } from '../strategies/cho.strategy.js';
import type { Bar } from './bars.js';
import { toColumns } from './bars.js';
import { cho } from './cho.js';

interface GoldenCase {
  params: { short: number; long: number; smooth: number };
  mid: number[];
  cho: number[];
  macho: number[];
  action: string[];
}
const golden = JSON.parse(
  readFileSync(new URL('../../../../test/fixtures/signals/cho-golden.json', import.meta.url), 'utf8'),
) as { bars: Bar[]; cases: GoldenCase[] };

function expectClose(actual: Float64Array, expected: number[], scale: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const diff = Math.abs(actual[i]! - expected[i]!);
    if (diff > 1e-9 * scale) throw new Error(`index ${i}: ${actual[i]} vs golden ${expected[i]} (diff ${diff})`);
  }
}

describe('cho (Wind/通达信 CHO) against the independent golden fixture', () => {
  it('has a 40-bar fixture with the edge cases it claims', () => {
    expect(golden.bars).toHaveLength(40);
    expect(golden.bars.some((b) => b.open === b.high && b.high === b.low && b.low === b.close)).toBe(true);
  });

  for (const c of golden.cases) {
    const label = `${c.params.short}/${c.params.long}/${c.params.smooth}`;
    const scale = Math.max(...c.mid.map(Math.abs));

    it(`matches MID, CHO, MACHO (${label})`, () => {
      const r = cho(golden.bars, c.params);
      expectClose(r.mid, c.mid, scale);
      expectClose(r.cho, c.cho, scale);
      expectClose(r.macho, c.macho, scale);
    });

    it(`the strategy's actions match (${label}), and its reasons carry MID/CHO/MACHO with previous values`, () => {
      const s = choStrategy.evaluateSeries(golden.bars, c.params);
      expect(Array.from({ length: s.length }, (_, i) => s.actionAt(i))).toEqual(c.action);
      const out = s.at(10);
      expect(out.reasons.values['cho']).toBeCloseTo(c.cho[10]!, 3);
      expect(out.reasons.prev['cho']).toBeCloseTo(c.cho[9]!, 3);
      expect(out.reasons.values['mid']).toBeCloseTo(c.mid[10]!, 3);
      expect(out.reasons.prev['macho']).toBeCloseTo(c.macho[9]!, 3);
      expect(out.reasons.rulesFired).toEqual([c.action[10] === 'BUY' ? 'cho_rising' : 'cho_falling']);
      expect(s.at(0)).toMatchObject({ action: 'HOLD', score: 0, reasons: { rulesFired: [] } });
      expect(s.at(0).reasons.prev).toEqual({ mid: null, cho: null, macho: null });
    });
  }

  it('uses the defaults 3/24/24', () => {
    const d = golden.cases.find((c) => c.params.short === 3 && c.params.long === 24 && c.params.smooth === 24)!;
    expectClose(cho(golden.bars).cho, d.cho, Math.max(...d.mid.map(Math.abs)));
    expect(choStrategy.defaultParams).toEqual({ short: 3, long: 24, smooth: 24 });
  });

  it('accepts columns and bar objects alike', () => {
    const a = cho(golden.bars);
    const b = cho(toColumns(golden.bars));
    expect(Array.from(b.cho)).toEqual(Array.from(a.cho));
  });

  it('a bar with HIGH+LOW = 0 adds nothing to MID', () => {
    const bars: Bar[] = [
      { tradeDate: '2024-01-02', open: 10, high: 11, low: 9, close: 10.5, volume: 1000 },
      { tradeDate: '2024-01-03', open: 0, high: 0, low: 0, close: 0, volume: 5000 },
    ];
    const r = cho(bars);
    expect(r.mid[0]).toBeCloseTo((1000 * (21 - 20)) / 20, 12);
    expect(r.mid[1]).toBe(r.mid[0]);
  });

  it('CHO is 0 and the action HOLD while fewer than `short` bars exist (both MAs average the same bars)', () => {
    const s = choStrategy.evaluateSeries(golden.bars);
    expect(s.columns['cho']![1]).toBe(0);
    expect(s.columns['cho']![2]).toBe(0);
    expect([s.actionAt(1), s.actionAt(2)]).toEqual(['HOLD', 'HOLD']);
  });

  it('a long run of one-price (一字板) bars — CHO mathematically unchanged — gives HOLD, not rounding noise', () => {
    const bars = golden.bars.slice(0, 30).map((b) => ({ ...b }));
    const last = bars[bars.length - 1]!;
    for (let i = 0; i < 40; i++) {
      const p = 20.17;
      bars.push({ tradeDate: `2026-01-${String(i + 1).padStart(2, '0')}`, open: p, high: p, low: p, close: p, volume: 3_000_000 + i * 7919 });
    }
    expect(last.close).toBeGreaterThan(0);
    const s = choStrategy.evaluateSeries(bars);
    // Once the whole long window (24 bars) is inside the flat run, CHO = MA3 − MA24 of a constant.
    for (let i = 30 + 24; i < bars.length; i++) {
      expect(s.actionAt(i)).toBe('HOLD');
      expect(s.scores[i]).toBe(0);
    }
  });
});
