import { describe, expect, it, vi } from 'vitest';

vi.mock('./http', () => ({ http: { get: vi.fn() } }));

import { http } from './http';
import { getMySubscription, listMyGrants } from './me';

describe('me API', () => {
  it('reads "never subscribed" as null (the API sends an empty body, not JSON null)', async () => {
    vi.mocked(http.get).mockResolvedValueOnce({ data: '' });
    expect(await getMySubscription()).toBeNull();
    vi.mocked(http.get).mockResolvedValueOnce({ data: null });
    expect(await getMySubscription()).toBeNull();
    const sub = { level: 2, startsAt: 'a', expiresAt: 'b', effectiveLevel: 2, active: true };
    vi.mocked(http.get).mockResolvedValueOnce({ data: sub });
    expect(await getMySubscription()).toEqual(sub);
  });

  it('pages the grant history', async () => {
    vi.mocked(http.get).mockResolvedValueOnce({ data: { items: [], total: 0, page: 2, pageSize: 10 } });
    await listMyGrants({ page: 2, pageSize: 10 });
    expect(http.get).toHaveBeenLastCalledWith('/me/vip-grants', { params: { page: 2, pageSize: 10 } });
  });
});
