import { describe, expect, it } from 'vitest';
import { randomBars } from '../../../../test/fixtures/signals/synthetic-bars.js';
import { canonicalDayPayload } from '../domain/hash-chain.js';
import { toColumns } from '../indicators/bars.js';
import { evaluateAll } from '../strategies/registry.js';
import { addDays, isIsoDate, shanghaiDate, shanghaiMinutes } from './dates.js';
import { badBar, toStoredSignal } from './signal-rows.js';

describe('stored signal rows', () => {
  it('round score, close and reasons as the chain prints them, so the payload survives a JSON round trip', () => {
    const bars = randomBars('rows', 300);
    const cols = toColumns(bars);
    const all = evaluateAll(cols);
    const rows = Object.values(all).map((s) => toStoredSignal('600000.SH', s!.strategyId, 1, s!.at(299), cols.close[299]! * 1.0000123456));
    for (const r of rows) {
      expect(Number.isFinite(r.score)).toBe(true);
      expect(Number(r.score.toFixed(6))).toBe(r.score);
      expect(Number(r.close.toFixed(4))).toBe(r.close);
      for (const v of Object.values(r.reasons.values)) if (v !== null) expect(Number(v.toFixed(6))).toBe(v);
    }
    const through = JSON.parse(JSON.stringify(rows));
    expect(canonicalDayPayload(through)).toBe(canonicalDayPayload(rows));
  });

  it('never stores -0 as a score', () => {
    const r = toStoredSignal('600000.SH', 'cho', 1, { action: 'HOLD', score: -1e-9, reasons: { values: { x: -1e-9 }, prev: {}, rulesFired: [] } }, 10);
    expect(Object.is(r.score, -0)).toBe(false);
    expect(r.reasons.values.x).toBe(0);
  });

  it('badBar finds non-finite prices and negative volume', () => {
    const cols = toColumns(randomBars('bad', 20), true);
    expect(badBar(cols)).toBeNull();
    (cols.high as Float64Array)[7] = Number.NaN;
    expect(badBar(cols)).toMatch(/finite/);
    const c2 = toColumns(randomBars('bad2', 5));
    (c2.volume as Float64Array)[2] = -1;
    expect(badBar(c2)).toMatch(/volume/);
  });
});

describe('dates', () => {
  it('validates and shifts calendar dates; Asia/Shanghai date and time of an instant', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-2-1')).toBe(false);
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(shanghaiDate(new Date('2026-03-01T16:30:00Z'))).toBe('2026-03-02');
    expect(shanghaiMinutes(new Date('2026-03-02T10:00:00Z'))).toBe(18 * 60);
  });
});
