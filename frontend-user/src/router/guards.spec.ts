import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';

vi.mock('@/api/me', () => ({ getMe: vi.fn() }));

import { getMe } from '@/api/me';
import { ApiError } from '@/api/errors';
import { useSessionStore } from '@/stores/session';
import { authGuard, safeRedirect } from './guards';
import { routes } from './routes';

async function resolve(path: string) {
  const router = createRouter({ history: createMemoryHistory(), routes });
  return authGuard(router.resolve(path), useSessionStore());
}

describe('member route guard', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
    vi.mocked(getMe).mockReset();
  });

  it('sends signed-out members to login with a redirect back', async () => {
    expect(await resolve('/account')).toEqual({ name: 'login', query: { redirect: '/account' } });
    expect(await resolve('/verify-email?token=abc')).toBe(true);
    expect(await resolve('/reset-password?token=abc')).toBe(true);
    expect(await resolve('/register')).toBe(true);
    expect(await resolve('/')).toBe(true);
  });

  it('sends signed-in members away from login and register', async () => {
    useSessionStore().setTokens({ accessToken: 'a', refreshToken: 'r' });
    expect(await resolve('/login')).toEqual({ name: 'stocks' });
    expect(await resolve('/register')).toEqual({ name: 'stocks' });
    expect(await resolve('/')).toEqual({ name: 'stocks' });
  });

  it('clears a dead session and goes to login', async () => {
    const session = useSessionStore();
    session.setTokens({ accessToken: 'a', refreshToken: 'r' });
    vi.mocked(getMe).mockRejectedValue(new ApiError(401, 'AUTH_REFRESH_REUSED', 'reused'));
    expect(await resolve('/account')).toEqual({ name: 'login', query: { redirect: '/account' } });
    expect(session.isSignedIn).toBe(false);
  });

  it('follows only same-site redirects', () => {
    expect(safeRedirect('/account?x=1')).toBe('/account?x=1');
    expect(safeRedirect('//evil.example')).toBe('/stocks');
    expect(safeRedirect('https://evil.example')).toBe('/stocks');
    expect(safeRedirect(undefined)).toBe('/stocks');
  });
});
