import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { AuthResult, UserDto } from '@zhice/shared';

vi.mock('@/api/auth', () => ({ login: vi.fn(), logout: vi.fn(), register: vi.fn(), getCaptcha: vi.fn() }));
vi.mock('@/api/me', () => ({ getMe: vi.fn() }));

import * as authApi from '@/api/auth';
import * as meApi from '@/api/me';
import { ApiError } from '@/api/errors';
import { ACCESS_TOKEN_KEY, REFRESH_TOKEN_KEY, useSessionStore } from './session';

const user: UserDto = {
  id: 'u1',
  username: 'alice',
  email: 'alice@example.com',
  emailVerified: true,
  role: 'user',
  status: 'active',
  vipLevel: 0,
  vipExpiresAt: null,
  stockQuota: 5,
  createdAt: '2025-01-01T00:00:00+08:00',
};
const result: AuthResult = { accessToken: 'a1', refreshToken: 'r1', user };

describe('session store', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
    vi.mocked(authApi.login).mockReset();
    vi.mocked(authApi.logout).mockReset();
    vi.mocked(authApi.register).mockReset();
    vi.mocked(meApi.getMe).mockReset();
  });

  it('login stores tokens in localStorage and keeps the user', async () => {
    vi.mocked(authApi.login).mockResolvedValue(result);
    const session = useSessionStore();
    const u = await session.login({ username: 'alice', password: 'secret123' });
    expect(u).toEqual(user);
    expect(session.isSignedIn).toBe(true);
    expect(session.role).toBe('user');
    expect(localStorage.getItem(ACCESS_TOKEN_KEY)).toBe('a1');
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBe('r1');
  });

  it('failed login leaves the session empty', async () => {
    vi.mocked(authApi.login).mockRejectedValue(new ApiError(401, 'AUTH_INVALID_CREDENTIALS', 'wrong'));
    const session = useSessionStore();
    await expect(session.login({ username: 'alice', password: 'x' })).rejects.toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS' });
    expect(session.isSignedIn).toBe(false);
    expect(localStorage.getItem(ACCESS_TOKEN_KEY)).toBeNull();
  });

  it('restores tokens from localStorage and loads the user once for concurrent callers', async () => {
    localStorage.setItem(ACCESS_TOKEN_KEY, 'a0');
    localStorage.setItem(REFRESH_TOKEN_KEY, 'r0');
    vi.mocked(meApi.getMe).mockResolvedValue(user);
    const session = useSessionStore();
    expect(session.isSignedIn).toBe(true);
    const [a, b] = await Promise.all([session.ensureUser(), session.ensureUser()]);
    expect(a).toEqual(user);
    expect(b).toEqual(user);
    await session.ensureUser();
    expect(meApi.getMe).toHaveBeenCalledTimes(1);
  });

  it('logout revokes the refresh token and resets everything, even when the API call fails', async () => {
    vi.mocked(authApi.login).mockResolvedValue(result);
    vi.mocked(authApi.logout).mockRejectedValue(new ApiError(0, 'NETWORK_ERROR', 'offline'));
    const session = useSessionStore();
    await session.login({ username: 'alice', password: 'secret123' });
    await session.logout();
    expect(authApi.logout).toHaveBeenCalledWith('r1');
    expect(session.isSignedIn).toBe(false);
    expect(session.user).toBeNull();
    expect(session.accessToken).toBeNull();
    expect(localStorage.getItem(ACCESS_TOKEN_KEY)).toBeNull();
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
  });

  it('register signs the member in and sends the risk acknowledgement', async () => {
    vi.mocked(authApi.register).mockResolvedValue(result);
    const session = useSessionStore();
    await session.register({ username: 'alice', password: 'secret123', riskAck: true });
    expect(authApi.register).toHaveBeenCalledWith({ username: 'alice', password: 'secret123', riskAck: true });
    expect(session.user).toEqual(user);
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBe('r1');
  });

  it('uses its own storage keys (the admin SPA shares the origin)', () => {
    expect(ACCESS_TOKEN_KEY).toBe('zhice.user.accessToken');
    expect(REFRESH_TOKEN_KEY).toBe('zhice.user.refreshToken');
  });

  it('setTokens replaces both tokens (refresh rotation)', () => {
    const session = useSessionStore();
    session.setTokens({ accessToken: 'a2', refreshToken: 'r2' });
    expect(session.refreshToken).toBe('r2');
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBe('r2');
  });
});
