// The generic client behaviour (refresh single-flight, error normalisation …) is tested in frontend-common;
// this spec covers its wiring to this app's session store and token keys.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { createHttp } from './http';
import { ApiError } from './errors';
import { sessionHooks } from './session-hooks';
import { ACCESS_TOKEN_KEY, REFRESH_TOKEN_KEY, useSessionStore } from '@/stores/session';
import { errorBody, fakeAdapter, tick } from '@/test/fakeAdapter';

/** A fake API: `/auth/refresh` rotates the tokens; other routes need the current access token. */
function fakeApi(options: { refreshFails?: boolean } = {}) {
  const state = { validAccess: 'access-2', refreshCalls: 0, calls: [] as string[], refreshBodies: [] as unknown[] };
  const adapter = fakeAdapter(async (config) => {
    const url = config.url ?? '';
    const auth = config.headers.get('Authorization');
    state.calls.push(`${config.method?.toUpperCase()} ${url} ${String(auth ?? '')}`);
    if (url === '/auth/refresh') {
      state.refreshCalls += 1;
      state.refreshBodies.push(JSON.parse(String(config.data)));
      await tick(10);
      if (options.refreshFails) return errorBody(401, 'AUTH_REFRESH_REUSED', 'refresh token reused');
      return { status: 200, data: { accessToken: 'access-2', refreshToken: 'refresh-2' } };
    }
    await tick(1);
    if (auth !== `Bearer ${state.validAccess}`) return errorBody(401, 'AUTH_TOKEN_EXPIRED', 'token expired');
    return { status: 200, data: { url, lang: config.headers.get('Accept-Language') } };
  });
  return { state, adapter };
}

describe('http client', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
  });

  it('refresh failure clears the session once and rejects every waiting request', async () => {
    const { adapter, state } = fakeApi({ refreshFails: true });
    const session = useSessionStore();
    session.setSession({
      accessToken: 'access-1',
      refreshToken: 'refresh-1',
      user: {
        id: '1',
        username: 'admin',
        email: null,
        emailVerified: false,
        role: 'admin',
        status: 'active',
        vipLevel: 0,
        vipExpiresAt: null,
        stockQuota: 5,
        createdAt: '2025-01-01T00:00:00+08:00',
      },
    });
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBe('refresh-1');
    const toLogin = vi.fn();
    const http = createHttp(sessionHooks(session, () => 'zh-CN', toLogin), { adapter });

    const results = await Promise.allSettled([http.get('/me'), http.get('/admin/outbox')]);

    expect(state.refreshCalls).toBe(1);
    for (const r of results) {
      expect(r.status).toBe('rejected');
      const reason = (r as PromiseRejectedResult).reason as ApiError;
      expect(reason).toBeInstanceOf(ApiError);
      expect(reason.code).toBe('AUTH_TOKEN_EXPIRED');
    }
    expect(toLogin).toHaveBeenCalledTimes(1);
    expect(session.isSignedIn).toBe(false);
    expect(session.user).toBeNull();
    expect(localStorage.getItem(ACCESS_TOKEN_KEY)).toBeNull();
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
  });
});
