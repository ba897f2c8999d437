import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createI18n } from 'vue-i18n';
import { createMemoryHistory, createRouter, RouterView, type RouteLocationRaw, type Router } from 'vue-router';
import { http } from '../api/http';
import { createSessionStore } from '../stores/session';
import { fakeAdapter } from '../test/fakeAdapter';
import { ApiError, ClientErrorCode } from '../api/errors';
import { useNotify } from '../utils/notify';
import { createSessionExpiredHandler, startSpa } from './startSpa';

const Page = (name: string) => defineComponent({ render: () => h('p', { 'data-page': name }, name) });

function testRouter(): Router {
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', name: 'login', component: Page('login'), meta: { public: true } },
      { path: '/account', name: 'account', component: Page('account') },
    ],
  });
}

const loginRoute = (current: { fullPath: string }): RouteLocationRaw => ({ name: 'login', query: { redirect: current.fullPath } });

describe('createSessionExpiredHandler', () => {
  it('warns once until the notice closes, and sends the user to login with a redirect back', async () => {
    const router = testRouter();
    await router.push('/account?tab=vip');
    const toast = vi.fn();
    const expired = createSessionExpiredHandler({ router, loginRoute, toast, message: () => 'session expired' });

    expired();
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'));
    expect(router.currentRoute.value.query.redirect).toBe('/account?tab=vip');
    expect(toast).toHaveBeenCalledTimes(1);
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ type: 'warning', message: 'session expired' }));

    // more failures while the notice is up: no second toast
    await router.push('/account');
    expired();
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'));
    expect(toast).toHaveBeenCalledTimes(1);

    // once it closed, the next expiry warns again
    (toast.mock.calls[0]![0] as { onClose: () => void }).onClose();
    await router.push('/account');
    expired();
    expect(toast).toHaveBeenCalledTimes(2);
  });

  it('does nothing during the first navigation or on a public page (the guard handles those)', async () => {
    const router = testRouter();
    const replace = vi.spyOn(router, 'replace');
    const toast = vi.fn();
    const expired = createSessionExpiredHandler({ router, loginRoute, toast, message: () => 'x' });
    expired(); // nothing matched yet
    await router.push('/login');
    expired();
    expect(toast).not.toHaveBeenCalled();
    expect(replace).not.toHaveBeenCalled();
  });
});

describe('startSpa', () => {
  const defaultAdapter = http.defaults.adapter;
  beforeEach(() => {
    localStorage.clear();
    document.body.innerHTML = '<div id="app"></div>';
  });
  afterEach(() => {
    http.defaults.adapter = defaultAdapter;
  });

  it("keeps index.html's splash until the first page is resolved, then mounts", async () => {
    document.body.innerHTML = '<div id="app"><p class="splash">Zhice</p></div>';
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/:any(.*)*', component: () => gate.then(() => Page('first')) }],
    });
    const i18n = createI18n({ legacy: false, locale: 'en', messages: { en: {}, 'zh-CN': {} } });
    const { useSessionStore } = createSessionStore({ storagePrefix: 'test.splash', api: { login: vi.fn(), logout: vi.fn(), getMe: vi.fn() } });
    const Root = defineComponent({ render: () => h(RouterView) });

    const app = startSpa({ root: Root, i18n, createRouter: () => router, useSessionStore, loginRoute, toast: vi.fn() });
    await new Promise((resolve) => setTimeout(resolve, 30));
    // the page's chunk has not arrived: no empty root in place of the splash
    expect(document.querySelector('.splash')).not.toBeNull();
    release();
    await vi.waitFor(() => expect(document.querySelector('[data-page="first"]')).not.toBeNull());
    expect(document.querySelector('.splash')).toBeNull();
    app.unmount();
  });

  it('mounts the app with Pinia, i18n and the router, and wires the HTTP client to the session and locale', async () => {
    const i18n = createI18n({
      legacy: false,
      locale: 'en',
      messages: { en: { hello: 'Hello', errors: { network: 'Offline' } }, 'zh-CN': { hello: '你好', errors: { network: '网络异常' } } },
    });
    const { useSessionStore } = createSessionStore({
      storagePrefix: 'test.app',
      api: { login: vi.fn(), logout: vi.fn(), getMe: vi.fn() },
    });
    let router!: Router;
    let notify!: ReturnType<typeof useNotify>;
    const Root = defineComponent({
      setup: () => {
        notify = useNotify();
        return () => h('main', [h('h1', i18n.global.t('hello')), h(RouterView)]);
      },
    });
    const toast = vi.fn();

    const app = startSpa({
      root: Root,
      i18n,
      createRouter: () => (router = testRouter()),
      useSessionStore,
      loginRoute,
      toast,
    });
    await router.push('/account');
    await vi.waitFor(() => expect(document.querySelector('[data-page="account"]')).not.toBeNull());
    expect(document.querySelector('h1')?.textContent).toBe('Hello');
    expect(document.documentElement.lang).toBe('en');

    // Pinia's install made the app's Pinia the active one: this is the store the client reads tokens from
    useSessionStore().setTokens({ accessToken: 'a9', refreshToken: 'r9' });
    i18n.global.locale.value = 'zh-CN';
    const seen: (string | undefined)[][] = [];
    http.defaults.adapter = fakeAdapter((config) => {
      seen.push([config.headers.get('Authorization')?.toString(), config.headers.get('Accept-Language')?.toString()]);
      return { status: 200, data: {} };
    });
    await http.get('/me');
    expect(seen).toEqual([['Bearer a9', 'zh-CN']]);

    // shared components reach the app's toast (useNotify), in the UI language
    notify.showError(new ApiError(0, ClientErrorCode.NETWORK_ERROR, 'Network Error'));
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ type: 'error', message: '网络异常' }));
    app.unmount();
  });
});
