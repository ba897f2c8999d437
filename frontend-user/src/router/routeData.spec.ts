import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('@/api/stocks', () => ({ getMyStocks: vi.fn(async () => ({ items: ['prefetched'] })) }));
vi.mock('@/api/signals', () => ({
  getMyFreshness: vi.fn(async () => ({ items: [] })),
  getMyLatestSignal: vi.fn(async (code: string) => ({ code })),
  getBars: vi.fn(async (code: string) => ({ code, items: [] })),
  getChainHead: vi.fn(async () => ({ hash: 'h' })),
}));

import { getMyStocks } from '@/api/stocks';
import { getBars, getChainHead, getMyLatestSignal } from '@/api/signals';
import { dataKeys, prefetchData, prefetchRouteData, takePrefetched } from './routeData';

describe('route data prefetch', () => {
  afterEach(() => vi.useRealTimers());

  it('hands the prefetched request to the view once, then loads anew', async () => {
    prefetchRouteData({ name: 'stocks', params: {} });
    expect(getMyStocks).toHaveBeenCalledTimes(1);
    const load = vi.fn(async () => ({ items: ['fresh'] }));
    expect(await takePrefetched(dataKeys.myStocks, load)).toEqual({ items: ['prefetched'] });
    expect(load).not.toHaveBeenCalled();
    expect(await takePrefetched(dataKeys.myStocks, load)).toEqual({ items: ['fresh'] });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("starts a stock page's first requests for that stock", async () => {
    prefetchRouteData({ name: 'stock-detail', params: { tsCode: '600000.SH' } });
    expect(getMyLatestSignal).toHaveBeenCalledWith('600000.SH');
    expect(getBars).toHaveBeenCalledWith('600000.SH');
    expect(getChainHead).toHaveBeenCalledTimes(1);
    const other = vi.fn(async () => ({ code: 'other' }));
    expect(await takePrefetched(dataKeys.latestSignal('000001.SZ'), other)).toEqual({ code: 'other' });
    expect(await takePrefetched(dataKeys.latestSignal('600000.SH'), other)).toEqual({ code: '600000.SH' });
  });

  it('ignores an old prefetch, and a failed one reaches the view as its error', async () => {
    vi.useFakeTimers();
    prefetchData('k', async () => 'old');
    vi.advanceTimersByTime(60_000);
    expect(await takePrefetched('k', async () => 'new')).toBe('new');
    vi.useRealTimers();
    prefetchData('e', async () => {
      throw new Error('offline');
    });
    await expect(takePrefetched('e', async () => 'new')).rejects.toThrow('offline');
  });
});
