import { describe, expect, it } from 'vitest';
import { fenNumber, isValidAmount, maskAccount, MAX_AMOUNT_FEN, requestHash } from './amounts.js';

describe('amounts', () => {
  it('accepts 1 … 2^53−1 fen only', () => {
    expect(isValidAmount(1n)).toBe(true);
    expect(isValidAmount(MAX_AMOUNT_FEN)).toBe(true);
    expect(isValidAmount(0n)).toBe(false);
    expect(isValidAmount(-5n)).toBe(false);
    expect(isValidAmount(MAX_AMOUNT_FEN + 1n)).toBe(false);
  });
  it('converts fen to numbers only in the safe range', () => {
    expect(fenNumber('-12345')).toBe(-12345);
    expect(() => fenNumber(MAX_AMOUNT_FEN + 1n)).toThrow(RangeError);
  });
  it('hashes requests canonically (key order does not matter, values do)', () => {
    expect(requestHash({ a: 1, b: 'x' })).toBe(requestHash({ b: 'x', a: 1 }));
    expect(requestHash({ a: 1, b: 'x' })).not.toBe(requestHash({ a: 2, b: 'x' }));
    expect(requestHash({ a: null })).toBe(requestHash({ a: undefined }));
  });
  it('masks payout accounts', () => {
    expect(maskAccount('6222 0212 3456 7890 123')).toBe('6222 **** **** 0123');
    expect(maskAccount('alice@pay.cn')).toBe('alic **** **** y.cn');
    expect(maskAccount('12345678')).toBe('****5678');
    expect(maskAccount('123')).toBe('***');
  });
});
