import { describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { VipGrantDto } from '@zhice/shared';

vi.mock('@/api/me', () => ({ listMyGrants: vi.fn(), getMe: vi.fn() }));
vi.mock('@/api/vipLevels', () => ({ listVipLevels: vi.fn().mockRejectedValue(new Error('offline')) }));

import { listMyGrants } from '@/api/me';
import { toGrantEntry } from './grantHistory';
import { GRANT_PAGE_SIZE, useGrantHistory } from './useGrantHistory';

const names = (level: number) => ['免费用户', 'VIP1', 'VIP2', 'VIP3', 'SVIP'][level] ?? `VIP${level}`;
const grant: VipGrantDto = {
  id: 'g1',
  userId: 'u1',
  source: 'admin',
  reference: null,
  level: 2,
  months: 3,
  kind: 'upgrade',
  levelBefore: 1,
  expiresBefore: '2025-04-01T00:00:00.000Z',
  expiresAfter: '2025-06-23T11:03:00.000Z',
  convertedSeconds: 1_940_745,
  reason: 'promo',
  operatorId: 'a1',
  createdAt: '2025-03-01T02:00:00.000Z',
};

describe('membership history', () => {
  it('shows a grant with level names and the converted days', () => {
    expect(toGrantEntry(grant, names)).toEqual({
      id: 'g1',
      at: '2025-03-01T02:00:00.000Z',
      kind: 'upgrade',
      source: 'admin',
      levelName: 'VIP2',
      fromName: 'VIP1',
      months: 3,
      expiresAfter: '2025-06-23T11:03:00.000Z',
      convertedDays: 22.46,
    });
    const extend = toGrantEntry({ ...grant, kind: 'extend', levelBefore: 2, convertedSeconds: 0 }, names);
    expect(extend.fromName).toBeNull();
    expect(extend.convertedDays).toBe(0);
  });

  it('reads one page at a time', async () => {
    setActivePinia(createPinia());
    vi.mocked(listMyGrants).mockResolvedValue({ items: [grant], total: 11, page: 2, pageSize: GRANT_PAGE_SIZE });
    const history = useGrantHistory();
    expect(history.list.loading.value).toBe(true);
    await history.load(2);
    expect(listMyGrants).toHaveBeenLastCalledWith({ page: 2, pageSize: 10 });
    expect(history.page.value).toBe(2);
    expect(history.total.value).toBe(11);
    // level names fall back to the defaults when the level list cannot be read
    expect(history.entries.value[0]?.levelName).toBe('VIP2');
  });
});
