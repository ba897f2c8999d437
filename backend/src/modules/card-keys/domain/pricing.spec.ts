import { describe, expect, it } from 'vitest';
import { batchCost, defaultAgentPrice, projectRetailFen, vipRetailFen } from './pricing.js';

describe('card pricing', () => {
  it('defaults to 70% of retail, pro rata by term', () => {
    expect(vipRetailFen(9900, 3)).toBe(9900);
    expect(vipRetailFen(9900, 12)).toBe(39600);
    expect(vipRetailFen(10000, 1)).toBe(3334);
    expect(defaultAgentPrice(9900)).toBe(6930);
    expect(projectRetailFen(1000, 30)).toBe(1000);
    expect(projectRetailFen(1000, 7)).toBe(1000);
    expect(projectRetailFen(1000, 90)).toBe(3000);
    expect(projectRetailFen(1000, 0)).toBe(12000);
  });

  it('computes cost in integers', () => {
    expect(batchCost(10_000, 6930)).toBe(69_300_000n);
    expect(() => batchCost(10_000, Number.MAX_SAFE_INTEGER)).toThrow(RangeError);
  });
});
