// The session behaviour is tested once, in frontend-common (stores/session.spec.ts); this spec
// covers what is the member app's own: its storage keys, its auth API and sign-up.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { testAuthResult, testUser } from '@zhice/frontend-common/test/fixtures';

vi.mock('@/api/auth', () => ({ login: vi.fn(), logout: vi.fn(), register: vi.fn(), getCaptcha: vi.fn() }));
vi.mock('@/api/me', () => ({ getMe: vi.fn() }));

import * as authApi from '@/api/auth';
import * as meApi from '@/api/me';
import { ACCESS_TOKEN_KEY, REFRESH_TOKEN_KEY, useSessionStore } from './session';

const member = testUser();

describe('member session store', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
  });

  it('uses its own storage keys (the admin SPA shares the origin)', () => {
    expect(ACCESS_TOKEN_KEY).toBe('zhice.user.accessToken');
    expect(REFRESH_TOKEN_KEY).toBe('zhice.user.refreshToken');
    useSessionStore().setTokens({ accessToken: 'a2', refreshToken: 'r2' });
    expect(localStorage.getItem('zhice.user.accessToken')).toBe('a2');
    expect(localStorage.getItem('zhice.admin.accessToken')).toBeNull();
  });

  it('register signs the member in and sends the risk acknowledgement', async () => {
    vi.mocked(authApi.register).mockResolvedValue(testAuthResult(member));
    const session = useSessionStore();
    await expect(session.register({ username: 'alice', password: 'secret123', riskAck: true })).resolves.toEqual(member);
    expect(authApi.register).toHaveBeenCalledWith({ username: 'alice', password: 'secret123', riskAck: true });
    expect(session.user).toEqual(member);
    expect(session.userFetchedAt).toBeGreaterThan(0);
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBe('r1');
  });

  it('login, /me and logout go through the member API modules', async () => {
    vi.mocked(authApi.login).mockResolvedValue(testAuthResult(member));
    vi.mocked(meApi.getMe).mockResolvedValue(member);
    const session = useSessionStore();
    await session.login({ username: 'alice', password: 'secret123' });
    expect(authApi.login).toHaveBeenCalledWith({ username: 'alice', password: 'secret123' });
    await session.fetchUser();
    expect(meApi.getMe).toHaveBeenCalledTimes(1);
    await session.logout();
    expect(authApi.logout).toHaveBeenCalledWith('r1');
    expect(session.isSignedIn).toBe(false);
  });
});
