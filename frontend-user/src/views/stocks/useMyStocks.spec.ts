import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { mount } from '@vue/test-utils';

vi.mock('@/api/stocks', () => ({ getMyStocks: vi.fn() }));
vi.mock('@/api/signals', () => ({ getMyFreshness: vi.fn(async () => ({ expectedDate: null, items: [] })) }));

import { getMyFreshness } from '@/api/signals';
import { getMyStocks } from '@/api/stocks';
import type { MyStockDto } from '@zhice/shared';
import { actionTagType, changeClass, formatChange, formatScore, useMyStocks, visibleStocks } from './useMyStocks';

describe('my stocks helpers', () => {
  it('colours actions the A-share way and signs scores', () => {
    expect(actionTagType({ tradeDate: '2026-11-20', action: 'BUY', score: 0.5 })).toBe('danger');
    expect(actionTagType({ tradeDate: '2026-11-20', action: 'SELL', score: -0.5 })).toBe('success');
    expect(actionTagType(null)).toBe('info');
    expect(formatScore(0.256)).toBe('+0.26');
    expect(formatScore(-1)).toBe('-1.00');
  });

  it('formats and colours the day change the Chinese way (red up, green down)', () => {
    expect(formatChange(1.2345)).toBe('+1.23%');
    expect(formatChange(-0.5)).toBe('-0.50%');
    expect(formatChange(0)).toBe('0.00%');
    expect(changeClass(2)).toBe('up');
    expect(changeClass(-2)).toBe('down');
    expect(changeClass(0)).toBe('flat');
    expect(changeClass(null)).toBe('flat');
  });

  it('sorts by change: biggest gain first, stocks without bars last', () => {
    const stock = (tsCode: string, changePct: number | null): MyStockDto => ({ tsCode, name: tsCode, allocatedAt: '2026-11-22T02:00:00Z', latestSignal: null, changePct });
    const items = [stock('000001.SZ', -1.5), stock('000002.SZ', null), stock('600000.SH', 3), stock('600001.SH', 0.2), stock('000003.SZ', 3)];
    expect(visibleStocks(items, '', 'change').map((s) => s.tsCode)).toEqual(['000003.SZ', '600000.SH', '600001.SH', '000001.SZ', '000002.SZ']);
    expect(visibleStocks(items, '6000', 'change').map((s) => s.tsCode)).toEqual(['600000.SH', '600001.SH']);
  });

  it('loads the list and keeps the error without throwing', async () => {
    vi.mocked(getMyStocks).mockResolvedValueOnce({ items: [{ tsCode: '600000.SH', name: '浦发银行', allocatedAt: '2026-11-22T02:00:00Z', latestSignal: null, changePct: null }] });
    let state!: ReturnType<typeof useMyStocks>;
    mount(defineComponent({ setup() { state = useMyStocks(); return () => h('div'); } }));
    expect(state.stocks.loading.value).toBe(true);
    await state.load();
    expect(state.stocks.data.value?.items).toHaveLength(1);
    vi.mocked(getMyStocks).mockRejectedValueOnce(new Error('offline'));
    await state.load();
    expect(state.stocks.error.value?.message).toBe('offline');
  });

  it('knows which listed stocks still show synthetic demo data (labelled in the list, issue 11)', async () => {
    vi.mocked(getMyStocks).mockResolvedValueOnce({ items: [{ tsCode: '600000.SH', name: '浦发银行', allocatedAt: '2026-11-22T02:00:00Z', latestSignal: null, changePct: null }] });
    vi.mocked(getMyFreshness).mockResolvedValueOnce({
      expectedDate: '2026-11-20',
      items: [
        { tsCode: '600000.SH', latestBarDate: '2026-11-20', expectedDate: '2026-11-20', stale: false, synthetic: true },
        { tsCode: '000001.SZ', latestBarDate: '2026-11-20', expectedDate: '2026-11-20', stale: false, synthetic: false },
      ],
    });
    let state!: ReturnType<typeof useMyStocks>;
    mount(defineComponent({ setup() { state = useMyStocks(); return () => h('div'); } }));
    await state.load();
    await vi.waitFor(() => expect(state.synthetic.value.has('600000.SH')).toBe(true));
    expect(state.synthetic.value.has('000001.SZ')).toBe(false);
  });
});
