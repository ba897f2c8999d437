import { describe, expect, it } from 'vitest';
import { moveInOrder } from './useDataSources';
import { daysBefore, syncPercent } from './useMarketSync';

describe('data-source page helpers', () => {
  it('moves a source one place, never past the ends', () => {
    const order = ['tushare', 'akshare', 'demo'];
    expect(moveInOrder(order, 'akshare', -1)).toEqual(['akshare', 'tushare', 'demo']);
    expect(moveInOrder(order, 'akshare', 1)).toEqual(['tushare', 'demo', 'akshare']);
    expect(moveInOrder(order, 'tushare', -1)).toEqual(order);
    expect(moveInOrder(order, 'demo', 1)).toEqual(order);
    expect(moveInOrder(order, 'yahoo', 1)).toEqual(order);
  });

  it('computes sync progress by trade date', () => {
    expect(syncPercent(null)).toBe(0);
    expect(syncPercent({ status: 'running', total: 0, processed: 0, failed: 0 })).toBe(0);
    expect(syncPercent({ status: 'done', total: 0, processed: 0, failed: 0 })).toBe(100);
    expect(syncPercent({ status: 'running', total: 8, processed: 3, failed: 1 })).toBe(50);
    expect(daysBefore('2026-03-02', 7)).toBe('2026-02-23');
  });
});
