import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { UserDto } from '@zhice/shared';

vi.mock('@/api/auth', () => ({ login: vi.fn(), logout: vi.fn().mockResolvedValue(undefined), getCaptcha: vi.fn() }));
vi.mock('@/api/me', () => ({ getMe: vi.fn() }));

import { getMe } from '@/api/me';
import { useSessionStore } from '@/stores/session';
import { authGuard } from './guards';
import { routes } from './routes';

function userOf(role: UserDto['role'], patch: Partial<UserDto> = {}): UserDto {
  return {
    id: '1',
    username: role,
    email: null,
    emailVerified: false,
    role,
    mustChangePassword: false,
    status: 'active',
    vipLevel: 0,
    vipExpiresAt: null,
    stockQuota: 5,
    riskAckRequired: false,
    createdAt: '2025-01-01T00:00:00Z',
    ...patch,
  };
}

async function resolve(path: string) {
  const router = createRouter({ history: createMemoryHistory(), routes });
  return authGuard(router.resolve(path), useSessionStore());
}

describe('admin route guard', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
    vi.mocked(getMe).mockReset();
  });

  it('sends signed-out visitors to login with a redirect back', async () => {
    expect(await resolve('/users?page=2')).toEqual({ name: 'login', query: { redirect: '/users?page=2' } });
    expect(await resolve('/login')).toBe(true);
  });

  it('lets admins in everywhere', async () => {
    useSessionStore().setSession({ accessToken: 'a', refreshToken: 'r', user: userOf('admin') });
    expect(await resolve('/users')).toBe(true);
    expect(await resolve('/outbox')).toBe(true);
  });

  it('sends agents to 403 on admin-only pages', async () => {
    useSessionStore().setSession({ accessToken: 'a', refreshToken: 'r', user: userOf('agent') });
    expect(await resolve('/')).toBe(true);
    expect(await resolve('/users')).toEqual({ name: 'forbidden' });
  });

  it('signs members out with a no-access note', async () => {
    const session = useSessionStore();
    session.setSession({ accessToken: 'a', refreshToken: 'r', user: userOf('user') });
    expect(await resolve('/')).toEqual({ name: 'login', query: { noAccess: '1' } });
    expect(session.isSignedIn).toBe(false);
  });

  it('loads the user from /me when only tokens are known', async () => {
    useSessionStore().setTokens({ accessToken: 'a', refreshToken: 'r' });
    vi.mocked(getMe).mockResolvedValue(userOf('admin'));
    expect(await resolve('/login-logs')).toBe(true);
    expect(getMe).toHaveBeenCalledTimes(1);
  });

  it('keeps an admin or agent whose password someone else chose on the change-password page until it is changed', async () => {
    const session = useSessionStore();
    for (const role of ['admin', 'agent'] as const) {
      session.setSession({ accessToken: 'a', refreshToken: 'r', user: userOf(role, { mustChangePassword: true }) });
      expect(await resolve('/')).toEqual({ name: 'change-password', query: { redirect: '/' } });
      expect(await resolve('/pools?status=active')).toEqual({ name: 'change-password', query: { redirect: '/pools?status=active' } });
      expect(await resolve('/users')).toEqual({ name: 'change-password', query: { redirect: '/users' } }); // before any 403
      expect(await resolve('/change-password?redirect=%2F')).toBe(true);
      // the login page sends a signed-in panel user to the dashboard, which the guard then turns here
      expect(await resolve('/login')).toEqual({ name: 'dashboard' });
    }
    // changed: the flag is gone from /me and every page opens again
    session.setSession({ accessToken: 'a', refreshToken: 'r', user: userOf('admin', { mustChangePassword: false }) });
    expect(await resolve('/users')).toBe(true);
    // the user menu's "change password" opens the same shared page by choice, for admins and agents
    expect(await resolve('/change-password?redirect=%2Fusers')).toBe(true);
    session.setSession({ accessToken: 'a', refreshToken: 'r', user: userOf('agent', { mustChangePassword: false }) });
    expect(await resolve('/change-password?redirect=%2Fledger')).toBe(true);
  });

  it('reads the flag from /me when only tokens are known, and still signs a member out rather than asking', async () => {
    const session = useSessionStore();
    session.setTokens({ accessToken: 'a', refreshToken: 'r' });
    vi.mocked(getMe).mockResolvedValue(userOf('agent', { mustChangePassword: true }));
    expect(await resolve('/ledger')).toEqual({ name: 'change-password', query: { redirect: '/ledger' } });
    session.setSession({ accessToken: 'a', refreshToken: 'r', user: userOf('user', { mustChangePassword: true }) });
    expect(await resolve('/')).toEqual({ name: 'login', query: { noAccess: '1' } });
  });
});
