import { describe, expect, it } from 'vitest';
import { explainOrder } from './orderExplain';

describe('explainOrder', () => {
  it('explains refunded, partly refunded and closed orders', () => {
    expect(explainOrder({ status: 'refunded', refundedFen: 29900 })).toEqual({ key: 'orders.explainRefunded', params: { amount: '299.00' } });
    expect(explainOrder({ status: 'paid', refundedFen: 100 }).key).toBe('orders.explainPartial');
    expect(explainOrder({ status: 'closed', refundedFen: 0 }).key).toBe('orders.explainClosed');
    expect(explainOrder({ status: 'paid', refundedFen: 0 }).key).toBe('');
  });
});
