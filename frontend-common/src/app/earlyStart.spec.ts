import { afterEach, describe, expect, it, vi } from 'vitest';
import { EARLY_MAX_AGE_MS, earlyRun, takeEarlyResponse, type EarlyConfig } from './earlyStart';

const config: EarlyConfig = {
  tokenKey: 'zhice.user.accessToken',
  localeKey: 'zhice.locale',
  locales: ['zh-CN', 'en'],
  defaultLocale: 'zh-CN',
  apiBase: '/api/v1',
  base: '/',
  routes: [
    { path: '^/login$', js: ['/assets/LoginView.js'], css: ['/assets/LoginView.css'], get: [] },
    { path: '^/stocks/([^/]+)$', js: ['/assets/Detail.js'], css: [], get: ['/me', '/me/signals/latest?tsCode={1}'] },
    { path: '^/stocks$', js: ['/assets/Stocks.js', '/assets/List.js'], css: [], get: ['/me/stocks'] },
  ],
};

function open(path: string) {
  window.history.replaceState(null, '', path);
}
const links = () => [...document.head.querySelectorAll('link')].map((l) => `${l.rel} ${l.getAttribute('href')}${l.getAttribute('as') ? ` as=${l.getAttribute('as')}` : ''}`);

afterEach(() => {
  document.head.innerHTML = '';
  localStorage.clear();
  delete window.__zhiceEarly;
  vi.unstubAllGlobals();
});

describe('earlyRun (the inline script)', () => {
  it("preloads the opened page's chunks and CSS, and sends its GETs with the stored token and language", () => {
    const fetchMock = vi.fn(async () => new Response('{}'));
    vi.stubGlobal('fetch', fetchMock);
    localStorage.setItem('zhice.user.accessToken', 'tok');
    localStorage.setItem('zhice.locale', 'en');
    open('/stocks/600519.SH');
    earlyRun(config);
    expect(links()).toEqual(['modulepreload /assets/Detail.js']);
    expect(fetchMock.mock.calls.map(([url]) => url)).toEqual(['/api/v1/me', '/api/v1/me/signals/latest?tsCode=600519.SH']);
    expect(fetchMock.mock.calls[0][1]).toMatchObject({ headers: { Authorization: 'Bearer tok', 'Accept-Language': 'en' } });
    expect(Object.keys(window.__zhiceEarly ?? {})).toEqual(['/me', '/me/signals/latest?tsCode=600519.SH']);
  });

  it('only the first matching route counts; a guest gets the preloads but no requests; an unknown page gets nothing', () => {
    const fetchMock = vi.fn(async () => new Response('{}'));
    vi.stubGlobal('fetch', fetchMock);
    open('/stocks');
    earlyRun(config);
    expect(links()).toEqual(['modulepreload /assets/Stocks.js', 'modulepreload /assets/List.js']);
    open('/login');
    earlyRun(config);
    expect(links()).toContain('preload /assets/LoginView.css as=style');
    document.head.innerHTML = '';
    open('/vip');
    earlyRun(config);
    expect(links()).toEqual([]);
    expect(fetchMock).not.toHaveBeenCalled();
    expect(window.__zhiceEarly).toBeUndefined();
  });

  it("falls back to the default language for an unknown stored one, and matches below the app's base", () => {
    const fetchMock = vi.fn(async () => new Response('{}'));
    vi.stubGlobal('fetch', fetchMock);
    localStorage.setItem('tok', 't');
    localStorage.setItem('zhice.locale', 'fr');
    open('/admin/users');
    earlyRun({ ...config, tokenKey: 'tok', base: '/admin/', routes: [{ path: '^/users$', js: [], css: [], get: ['/users?page=1'] }] });
    expect(fetchMock.mock.calls[0]).toMatchObject(['/api/v1/users?page=1', { headers: { 'Accept-Language': 'zh-CN' } }]);
    fetchMock.mockClear();
    open('/admin');
    earlyRun({ ...config, tokenKey: 'tok', base: '/admin/', routes: [{ path: '^/$', js: [], css: [], get: ['/me'] }] });
    expect(fetchMock.mock.calls[0][0]).toBe('/api/v1/me');
  });

  it('never throws (storage blocked)', () => {
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new Error('SecurityError');
    });
    open('/stocks');
    expect(() => earlyRun(config)).not.toThrow();
  });

  it('is self-contained, as the page runs it from its source text', () => {
    const fetchMock = vi.fn(async () => new Response('{}'));
    vi.stubGlobal('fetch', fetchMock);
    localStorage.setItem('zhice.user.accessToken', 'tok');
    open('/stocks');
    // what the build writes into index.html
    new Function(`(${String(earlyRun)})(${JSON.stringify(config)})`)();
    expect(fetchMock).toHaveBeenCalledWith('/api/v1/me/stocks', expect.anything());
  });
});

describe('takeEarlyResponse', () => {
  const headers = (auth: string, lang = 'zh-CN') => new Headers({ Authorization: auth, 'Accept-Language': lang });
  const entry = (at: number) => ({ authorization: 'Bearer t', language: 'zh-CN', at, response: Promise.resolve(new Response('{}')) });

  it('hands an answer out once, only for the same headers and while recent', () => {
    const now = Date.now();
    window.__zhiceEarly = { '/a': entry(now), '/b': entry(now), '/old': entry(now - EARLY_MAX_AGE_MS - 1) };
    expect(takeEarlyResponse('/a', headers('Bearer other'), now)).toBeUndefined();
    expect(takeEarlyResponse('/a', headers('Bearer t'), now)).toBeUndefined(); // a mismatch used it up
    expect(takeEarlyResponse('/b', headers('Bearer t'), now)).toBeInstanceOf(Promise);
    expect(takeEarlyResponse('/b', headers('Bearer t'), now)).toBeUndefined();
    expect(takeEarlyResponse('/old', headers('Bearer t'), now)).toBeUndefined();
    expect(takeEarlyResponse('/none', headers('Bearer t'), now)).toBeUndefined();
  });
});
