import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { createHttp, queryString, type HttpHooks } from './http';
import { ApiError } from './errors';
import { sessionHooks } from './session-hooks';
import { createSessionStore } from '../stores/session';
import { errorBody, fakeAdapter, tick } from '../test/fakeAdapter';
import { testAuthResult } from '../test/fixtures';

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

function memoryHooks(overrides: Partial<HttpHooks> = {}) {
  const tokens = { access: 'access-1' as string | null, refresh: 'refresh-1' as string | null };
  const expired = vi.fn();
  const hooks: HttpHooks = {
    getAccessToken: () => tokens.access,
    getRefreshToken: () => tokens.refresh,
    saveTokens: (t) => {
      tokens.access = t.accessToken;
      tokens.refresh = t.refreshToken;
    },
    onSessionExpired: expired,
    getLocale: () => 'en',
    ...overrides,
  };
  return { tokens, hooks, expired };
}

describe('http client', () => {
  beforeEach(() => {
    localStorage.clear();
  });

  it('sends the bearer token and Accept-Language', async () => {
    const { adapter, state } = fakeApi();
    const { hooks, tokens } = memoryHooks();
    tokens.access = 'access-2';
    const http = createHttp(hooks, { adapter });
    const res = await http.get('/me');
    expect(res.data).toEqual({ url: '/me', lang: 'en' });
    expect(state.calls).toEqual(['GET /me Bearer access-2']);
  });

  it('two concurrent 401s cause exactly one refresh, and both requests are retried', async () => {
    const { adapter, state } = fakeApi();
    const { hooks, tokens, expired } = memoryHooks();
    const http = createHttp(hooks, { adapter });

    const [a, b] = await Promise.all([http.get('/me'), http.get('/admin/users')]);

    expect(a.data).toMatchObject({ url: '/me' });
    expect(b.data).toMatchObject({ url: '/admin/users' });
    expect(state.refreshCalls).toBe(1);
    expect(state.refreshBodies).toEqual([{ refreshToken: 'refresh-1' }]);
    expect(tokens).toEqual({ access: 'access-2', refresh: 'refresh-2' });
    expect(state.calls.filter((c) => c.startsWith('GET /me'))).toEqual(['GET /me Bearer access-1', 'GET /me Bearer access-2']);
    expect(state.calls.filter((c) => c.startsWith('GET /admin/users'))).toEqual([
      'GET /admin/users Bearer access-1',
      'GET /admin/users Bearer access-2',
    ]);
    expect(expired).not.toHaveBeenCalled();
  });

  it('a 401 that arrives after the refresh finished retries with the new token without refreshing again', async () => {
    const { hooks, tokens } = memoryHooks();
    let refreshCalls = 0;
    let slowDone = false;
    const adapter = fakeAdapter(async (config) => {
      if (config.url === '/auth/refresh') {
        refreshCalls += 1;
        return { status: 200, data: { accessToken: 'access-2', refreshToken: 'refresh-2' } };
      }
      if (config.url === '/slow' && !slowDone) {
        slowDone = true;
        await tick(30); // answers 401 long after the refresh below completed
        return errorBody(401, 'AUTH_TOKEN_EXPIRED');
      }
      const ok = config.headers.get('Authorization') === 'Bearer access-2';
      return ok ? { status: 200, data: config.url } : errorBody(401, 'AUTH_TOKEN_INVALID');
    });
    const http = createHttp(hooks, { adapter });
    const slow = http.get('/slow');
    await http.get('/fast');
    expect(tokens.access).toBe('access-2');
    await expect(slow).resolves.toMatchObject({ data: '/slow' });
    expect(refreshCalls).toBe(1);
  });

  it('does not refresh for other 401 codes or for requests marked skipAuthRefresh', async () => {
    const { hooks, expired } = memoryHooks();
    let refreshCalls = 0;
    const adapter = fakeAdapter((config) => {
      if (config.url === '/auth/refresh') refreshCalls += 1;
      if (config.url === '/auth/login') return errorBody(401, 'AUTH_INVALID_CREDENTIALS', 'wrong password');
      return errorBody(401, 'AUTH_TOKEN_EXPIRED');
    });
    const http = createHttp(hooks, { adapter });
    await expect(http.post('/auth/login', {})).rejects.toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS', statusCode: 401 });
    await expect(http.post('/auth/logout', {}, { skipAuthRefresh: true })).rejects.toMatchObject({ code: 'AUTH_TOKEN_EXPIRED' });
    expect(refreshCalls).toBe(0);
    expect(expired).not.toHaveBeenCalled();
  });

  it('a retried request that fails again is not retried twice', async () => {
    const { hooks } = memoryHooks();
    let calls = 0;
    const adapter = fakeAdapter((config) => {
      if (config.url === '/auth/refresh') return { status: 200, data: { accessToken: 'access-9', refreshToken: 'refresh-9' } };
      calls += 1;
      return errorBody(401, 'AUTH_TOKEN_INVALID');
    });
    const http = createHttp(hooks, { adapter });
    await expect(http.get('/me')).rejects.toMatchObject({ code: 'AUTH_TOKEN_INVALID' });
    expect(calls).toBe(2);
  });

  it('refresh failure clears the session once and rejects every waiting request', async () => {
    setActivePinia(createPinia());
    const { adapter, state } = fakeApi({ refreshFails: true });
    const { useSessionStore, accessTokenKey, refreshTokenKey } = createSessionStore({
      storagePrefix: 'test.app',
      api: { login: vi.fn(), logout: vi.fn(), getMe: vi.fn() },
    });
    const session = useSessionStore();
    session.setSession({ ...testAuthResult(), accessToken: 'access-1', refreshToken: 'refresh-1' });
    expect(localStorage.getItem(refreshTokenKey)).toBe('refresh-1');
    const toLogin = vi.fn();
    const http = createHttp(sessionHooks(session, () => 'zh-CN', toLogin), { adapter });

    const results = await Promise.allSettled([http.get('/me'), http.get('/admin/outbox')]);

    expect(state.refreshCalls).toBe(1);
    expect(state.refreshBodies).toEqual([{ refreshToken: 'refresh-1' }]);
    for (const r of results) {
      expect(r.status).toBe('rejected');
      const reason = (r as PromiseRejectedResult).reason as ApiError;
      expect(reason).toBeInstanceOf(ApiError);
      expect(reason.code).toBe('AUTH_TOKEN_EXPIRED');
    }
    expect(toLogin).toHaveBeenCalledTimes(1);
    expect(toLogin).toHaveBeenCalledWith(expect.objectContaining({ code: 'AUTH_REFRESH_REUSED' }));
    expect(session.isSignedIn).toBe(false);
    expect(session.user).toBeNull();
    expect(localStorage.getItem(accessTokenKey)).toBeNull();
    expect(localStorage.getItem(refreshTokenKey)).toBeNull();
  });

  it('a refresh that fails on the network keeps the session (the user may retry)', async () => {
    const { hooks, tokens, expired } = memoryHooks();
    const adapter = fakeAdapter((config) => {
      if (config.url === '/auth/refresh') throw new TypeError('Failed to fetch');
      return errorBody(401, 'AUTH_TOKEN_EXPIRED');
    });
    const http = createHttp(hooks, { adapter });
    await expect(http.get('/me')).rejects.toMatchObject({ code: 'AUTH_TOKEN_EXPIRED' });
    expect(expired).not.toHaveBeenCalled();
    expect(tokens).toEqual({ access: 'access-1', refresh: 'refresh-1' });
  });

  it('normalises errors into ApiError', async () => {
    const { hooks } = memoryHooks();
    const adapter = fakeAdapter((config) => {
      if (config.url === '/bad') return errorBody(400, 'VALIDATION_FAILED', 'username too short', { field: 'username' });
      if (config.url === '/html') return { status: 502, data: '<html>bad gateway</html>' };
      throw new TypeError('Failed to fetch');
    });
    const http = createHttp(hooks, { adapter });
    await expect(http.get('/bad')).rejects.toEqual(
      expect.objectContaining({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'username too short', details: { field: 'username' } }),
    );
    await expect(http.get('/html')).rejects.toMatchObject({ statusCode: 502, code: 'INTERNAL_ERROR' });
    await expect(http.get('/offline')).rejects.toMatchObject({ statusCode: 0, code: 'NETWORK_ERROR' });
  });
});

describe('fetch transport', () => {
  it('writes query strings as axios did (null/undefined left out, arrays as key[])', () => {
    expect(queryString({ a: 1, b: undefined, c: null, d: ['x', 'y'], e: 'z w' })).toBe('?a=1&d%5B%5D=x&d%5B%5D=y&e=z+w');
    expect(queryString({})).toBe('');
  });

  it('maps no answer to NETWORK_ERROR and a slow answer to TIMEOUT; reads JSON, error bodies and headers', async () => {
    const { hooks } = memoryHooks();
    const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
      if (url.startsWith('/api/v1/offline')) throw new TypeError('Failed to fetch');
      if (url.startsWith('/api/v1/slow')) {
        return new Promise<Response>((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
      }
      if (url.startsWith('/api/v1/bad')) return new Response(JSON.stringify({ statusCode: 409, code: 'CONFLICT', message: 'taken' }), { status: 409 });
      return new Response(JSON.stringify({ url, auth: new Headers(init.headers).get('Authorization'), body: init.body }), {
        status: 200,
        headers: { 'Content-Disposition': 'attachment; filename="x.csv"' },
      });
    });
    vi.stubGlobal('fetch', fetchMock);
    try {
      const http = createHttp(hooks);
      await expect(http.get('/offline')).rejects.toMatchObject({ statusCode: 0, code: 'NETWORK_ERROR' });
      await expect(http.get('/slow', { timeout: 10 })).rejects.toMatchObject({ statusCode: 0, code: 'TIMEOUT' });
      await expect(http.get('/bad')).rejects.toMatchObject({ statusCode: 409, code: 'CONFLICT', message: 'taken' });
      const res = await http.post<{ url: string; auth: string; body: string }>('/ok', { a: 1 }, { params: { q: 'x' } });
      expect(res.data).toEqual({ url: '/api/v1/ok?q=x', auth: 'Bearer access-1', body: '{"a":1}' });
      expect(res.headers['content-disposition']).toBe('attachment; filename="x.csv"');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("takes a GET the page's early script already sent, once, and only with the same token and language", async () => {
    const { hooks } = memoryHooks({ getLocale: () => 'en' });
    const fetchMock = vi.fn(async (url: string) => new Response(JSON.stringify({ from: 'fetch', url }), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    const early = (body: unknown, status = 200, authorization = 'Bearer access-1', language = 'en') => ({
      authorization,
      language,
      at: Date.now(),
      response: Promise.resolve(new Response(JSON.stringify(body), { status })),
    });
    try {
      window.__zhiceEarly = {
        '/me/stocks': early({ from: 'early' }),
        '/me/signals/latest?tsCode=600519.SH': early({ from: 'early-q' }),
        '/other-token': early({ from: 'early' }, 200, 'Bearer someone-else'),
        '/other-language': early({ from: 'early' }, 200, 'Bearer access-1', 'zh-CN'),
      };
      const http = createHttp(hooks);
      expect((await http.get('/me/stocks')).data).toEqual({ from: 'early' });
      expect((await http.get('/me/signals/latest', { params: { tsCode: '600519.SH' } })).data).toEqual({ from: 'early-q' });
      // once: the second GET goes out itself
      expect((await http.get('/me/stocks')).data).toEqual({ from: 'fetch', url: '/api/v1/me/stocks' });
      expect((await http.get('/other-token')).data).toMatchObject({ from: 'fetch' });
      expect((await http.get('/other-language')).data).toMatchObject({ from: 'fetch' });
      expect(fetchMock).toHaveBeenCalledTimes(3);
      expect(window.__zhiceEarly).toEqual({});
    } finally {
      delete window.__zhiceEarly;
      vi.unstubAllGlobals();
    }
  });

  it('an early answer goes through the same rules: a 401 refreshes and retries, an error is an ApiError', async () => {
    const { hooks, tokens } = memoryHooks();
    const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
      if (url === '/api/v1/auth/refresh') return new Response(JSON.stringify({ accessToken: 'access-2', refreshToken: 'refresh-2' }), { status: 200 });
      return new Response(JSON.stringify({ from: 'fetch', auth: new Headers(init.headers).get('Authorization') }), { status: 200 });
    });
    vi.stubGlobal('fetch', fetchMock);
    const early = (status: number, body: unknown) => ({ authorization: 'Bearer access-1', language: 'en', at: Date.now(), response: Promise.resolve(new Response(JSON.stringify(body), { status })) });
    try {
      window.__zhiceEarly = {
        '/me': early(401, { statusCode: 401, code: 'AUTH_TOKEN_EXPIRED', message: 'expired' }),
        '/me/stocks': early(409, { statusCode: 409, code: 'CONFLICT', message: 'taken' }),
      };
      const http = createHttp(hooks);
      expect((await http.get('/me')).data).toEqual({ from: 'fetch', auth: 'Bearer access-2' });
      expect(tokens.access).toBe('access-2');
      window.__zhiceEarly['/me/stocks'].authorization = 'Bearer access-2';
      await expect(http.get('/me/stocks')).rejects.toMatchObject({ statusCode: 409, code: 'CONFLICT' });
    } finally {
      delete window.__zhiceEarly;
      vi.unstubAllGlobals();
    }
  });

  it('an early answer still times out like a request', async () => {
    const { hooks } = memoryHooks();
    vi.stubGlobal('fetch', vi.fn());
    try {
      window.__zhiceEarly = { '/slow': { authorization: 'Bearer access-1', language: 'en', at: Date.now(), response: new Promise<Response>(() => undefined) } };
      await expect(createHttp(hooks).get('/slow', { timeout: 10 })).rejects.toMatchObject({ statusCode: 0, code: 'TIMEOUT' });
    } finally {
      delete window.__zhiceEarly;
      vi.unstubAllGlobals();
    }
  });
});
