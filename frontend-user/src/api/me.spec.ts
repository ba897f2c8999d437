import { describe, expect, it, vi } from 'vitest';

vi.mock('./http', () => ({ http: { get: vi.fn() } }));

import { http } from './http';
import { getMySubscription, listMyGrants } from './me';

describe('me API', () => {
  it('reads the subscription, the free level for a member who never paid (always a JSON object)', async () => {
    const free = { level: 0, startsAt: null, expiresAt: null, effectiveLevel: 0, active: false, free: true };
    vi.mocked(http.get).mockResolvedValueOnce({ data: free });
    expect(await getMySubscription()).toEqual(free);
    const sub = { level: 2, startsAt: 'a', expiresAt: 'b', effectiveLevel: 2, active: true, free: false };
    vi.mocked(http.get).mockResolvedValueOnce({ data: sub });
    expect(await getMySubscription()).toEqual(sub);
  });

  it('pages the grant history', async () => {
    vi.mocked(http.get).mockResolvedValueOnce({ data: { items: [], total: 0, page: 2, pageSize: 10 } });
    await listMyGrants({ page: 2, pageSize: 10 });
    expect(http.get).toHaveBeenLastCalledWith('/me/vip-grants', { params: { page: 2, pageSize: 10 } });
  });
});
