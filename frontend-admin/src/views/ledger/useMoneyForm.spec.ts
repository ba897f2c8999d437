import { describe, expect, it } from 'vitest';
import { yuanInputToFen } from './useMoneyForm';

describe('yuanInputToFen', () => {
  it('turns yuan with up to 2 decimals into integer fen', () => {
    expect(yuanInputToFen(12.34)).toBe(1234);
    expect(yuanInputToFen(0.01)).toBe(1);
    expect(yuanInputToFen(1000)).toBe(100_000);
  });
  it('refuses zero, negatives, sub-fen amounts and nothing', () => {
    expect(yuanInputToFen(0)).toBeNull();
    expect(yuanInputToFen(-1)).toBeNull();
    expect(yuanInputToFen(0.001)).toBeNull();
    expect(yuanInputToFen(null)).toBeNull();
  });
});
