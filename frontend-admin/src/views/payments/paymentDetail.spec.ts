import { describe, expect, it } from 'vitest';
import { refundableFen, yuanToFen } from './usePaymentDetail';

describe('refund helpers', () => {
  it('parses yuan into integer fen without floats', () => {
    expect(yuanToFen('299')).toBe(29900);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('12.34')).toBe(1234);
    expect(yuanToFen('0')).toBeNull();
    expect(yuanToFen('1.234')).toBeNull();
    expect(yuanToFen('-1')).toBeNull();
  });
  it('refundable = paid minus refunds that hold money', () => {
    const refunds = [
      { status: 'success', amountFen: 100 },
      { status: 'closed', amountFen: 500 },
      { status: 'processing', amountFen: 200 },
    ] as never;
    expect(refundableFen({ amountFen: 1000, status: 'paid', refunds })).toBe(700);
    expect(refundableFen({ amountFen: 1000, status: 'pending', refunds: [] })).toBe(0);
  });
});
