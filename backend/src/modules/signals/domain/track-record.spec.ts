import { describe, expect, it } from 'vitest';
import { meanInterval, MIN_TRACK_SAMPLES, trackRecordVerdict, wilsonInterval } from './track-record.js';

describe('meanInterval', () => {
  it('mean ± 1.96·sd/√n, null below two samples or without a value', () => {
    const ci = meanInterval(0.01, 0.02, 16)!;
    expect(ci.low).toBeCloseTo(0.01 - 0.0098, 12);
    expect(ci.high).toBeCloseTo(0.01 + 0.0098, 12);
    expect(meanInterval(0.01, 0, 5)).toEqual({ low: 0.01, high: 0.01 });
    expect(meanInterval(0.01, 0.02, 1)).toBeNull();
    expect(meanInterval(null, 0.02, 10)).toBeNull();
    expect(meanInterval(0.01, null, 10)).toBeNull();
    expect(meanInterval(0.01, Number.NaN, 10)).toBeNull();
  });
});

describe('wilsonInterval', () => {
  it('matches the textbook values and stays inside [0, 1]', () => {
    // 6 of 10: Wilson 95 % ≈ [0.3127, 0.8318]
    const ci = wilsonInterval(6, 10)!;
    expect(ci.low).toBeCloseTo(0.3127, 4);
    expect(ci.high).toBeCloseTo(0.8318, 4);
    const all = wilsonInterval(5, 5)!;
    expect(all.high).toBe(1);
    expect(all.low).toBeCloseTo(0.5655, 4);
    expect(wilsonInterval(0, 3)!.low).toBe(0);
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(wilsonInterval(4, 3)).toBeNull();
  });
});

describe('trackRecordVerdict', () => {
  const base = { count: 40, meanReturn: 0.01, sdReturn: 0.02, baselineMeanReturn: 0 };
  // half-width = 1.96 · 0.02 / √40 ≈ 0.0062

  it('better when the whole interval is above the baseline, worse when below', () => {
    expect(trackRecordVerdict(base)).toBe('better');
    expect(trackRecordVerdict({ ...base, meanReturn: -0.01 })).toBe('worse');
    expect(trackRecordVerdict({ ...base, baselineMeanReturn: 0.02 })).toBe('worse');
  });

  it('no_better_than_random when the interval overlaps the baseline, even with a higher mean', () => {
    expect(trackRecordVerdict({ ...base, meanReturn: 0.005 })).toBe('no_better_than_random');
    expect(trackRecordVerdict({ ...base, meanReturn: 0.003, baselineMeanReturn: 0.001 })).toBe('no_better_than_random');
    expect(trackRecordVerdict({ ...base, sdReturn: 0.05 })).toBe('no_better_than_random');
    expect(trackRecordVerdict({ ...base, meanReturn: 0, sdReturn: 0 })).toBe('no_better_than_random');
  });

  it('too_few_samples below the minimum or without a baseline', () => {
    expect(MIN_TRACK_SAMPLES).toBe(10);
    expect(trackRecordVerdict({ ...base, count: 9, sdReturn: 0.0001 })).toBe('too_few_samples');
    expect(trackRecordVerdict({ ...base, count: 10 })).not.toBe('too_few_samples');
    expect(trackRecordVerdict({ ...base, count: 3, sdReturn: 0.0001 }, 2)).toBe('better');
    expect(trackRecordVerdict({ ...base, baselineMeanReturn: null })).toBe('too_few_samples');
    expect(trackRecordVerdict({ ...base, meanReturn: null, sdReturn: null })).toBe('too_few_samples');
    expect(trackRecordVerdict({ ...base, count: 0, meanReturn: null, sdReturn: null }, 0)).toBe('too_few_samples');
  });
});
