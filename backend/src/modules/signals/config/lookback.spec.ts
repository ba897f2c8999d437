import { describe, expect, it } from 'vitest';
import { COMPOSITE_DEFAULT_PARAMS } from '../strategies/composite.strategy.js';
import { sameJson } from './strategy-config.service.js';
import { lookbackCalendarDays, maxWindow, MIN_LOOKBACK_BARS } from './lookback.js';

describe('run lookback', () => {
  it('is the minimum for the defaults and grows with the largest window (composite components included)', () => {
    expect(maxWindow({ cho: { short: 3, long: 24, smooth: 24 } })).toBe(24);
    expect(lookbackCalendarDays({ cho: { short: 3, long: 24, smooth: 24 } })).toBe(Math.ceil(MIN_LOOKBACK_BARS * 1.5));
    expect(maxWindow({ composite: { ...COMPOSITE_DEFAULT_PARAMS, components: { ma_cross: { fast: 5, slow: 200 } } } })).toBe(200);
    expect(maxWindow({ composite: { ...COMPOSITE_DEFAULT_PARAMS, weights: { ma_cross: 0 }, components: { ma_cross: { fast: 5, slow: 200 } } } })).toBeLessThan(200);
    expect(lookbackCalendarDays({ ma_cross: { fast: 5, slow: 250 } })).toBe(1500);
  });
});

describe('sameJson', () => {
  it('compares JSON structurally, ignoring key order', () => {
    expect(sameJson({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson({ a: null }, { a: 0 })).toBe(false);
  });
});
