// The session behaviour is tested once, in frontend-common (stores/session.spec.ts); this spec
// covers what is the admin panel's own: its storage keys and its auth API.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { testAuthResult, testUser } from '@zhice/frontend-common/test/fixtures';

vi.mock('@/api/auth', () => ({ login: vi.fn(), logout: vi.fn(), getCaptcha: vi.fn() }));
vi.mock('@/api/me', () => ({ getMe: vi.fn() }));

import * as authApi from '@/api/auth';
import * as meApi from '@/api/me';
import { ACCESS_TOKEN_KEY, REFRESH_TOKEN_KEY, useSessionStore } from './session';

describe('admin session store', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
  });

  it('keeps its tokens under zhice.admin.* (the member app shares the origin)', () => {
    expect(ACCESS_TOKEN_KEY).toBe('zhice.admin.accessToken');
    expect(REFRESH_TOKEN_KEY).toBe('zhice.admin.refreshToken');
    useSessionStore().setTokens({ accessToken: 'a2', refreshToken: 'r2' });
    expect(localStorage.getItem('zhice.admin.refreshToken')).toBe('r2');
    expect(localStorage.getItem('zhice.user.refreshToken')).toBeNull();
  });

  it('signs in, reads /me and signs out through the admin API modules', async () => {
    const admin = testUser({ role: 'admin', username: 'admin' });
    vi.mocked(authApi.login).mockResolvedValue(testAuthResult(admin));
    vi.mocked(meApi.getMe).mockResolvedValue(admin);
    const session = useSessionStore();
    await session.login({ username: 'admin', password: 'secret123' });
    expect(authApi.login).toHaveBeenCalledWith({ username: 'admin', password: 'secret123' });
    expect(session.role).toBe('admin');
    await session.fetchUser();
    expect(meApi.getMe).toHaveBeenCalledTimes(1);
    await session.logout();
    expect(authApi.logout).toHaveBeenCalledWith('r1');
    expect(localStorage.getItem(ACCESS_TOKEN_KEY)).toBeNull();
  });
});
