import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { UserDto } from '@zhice/shared';
import { TOAST_KEY } from '@zhice/frontend-common/utils/notify';
import { testAuthResult, testUser } from '@zhice/frontend-common/test/fixtures';

vi.mock('@/api/auth', () => ({ login: vi.fn(), logout: vi.fn().mockResolvedValue(undefined), getCaptcha: vi.fn() }));
vi.mock('@/utils/notify', () => ({ showSuccess: vi.fn(), showError: vi.fn() }));

import * as authApi from '@/api/auth';
import { i18n } from '@/locales';
import { useSessionStore } from '@/stores/session';
import { showSuccess } from '@/utils/notify';
import LoginView from './LoginView.vue';

const NO_ACCESS = '该账户没有管理后台的访问权限（仅限管理员和代理）';
let wrapper: VueWrapper | undefined;

async function mountAt(path: string) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const page = (name: string) => ({ name, render: () => null });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', name: 'login', component: LoginView },
      { path: '/', name: 'dashboard', component: page('dashboard') },
      { path: '/users', name: 'users', component: page('users') },
    ],
  });
  await router.push(path);
  await router.isReady();
  wrapper = mount(LoginView, { global: { plugins: [pinia, router, i18n], provide: { [TOAST_KEY as symbol]: vi.fn() } }, attachTo: document.body });
  return { wrapper, router };
}

async function signIn(w: VueWrapper, user: UserDto) {
  vi.mocked(authApi.login).mockResolvedValueOnce(testAuthResult(user));
  await w.find('input[data-test="login-username"]').setValue(user.username);
  await w.find('input[data-test="login-password"]').setValue('secret-pw');
  await w.find('form').trigger('submit');
  await flushPromises();
}

describe('admin LoginView', () => {
  beforeEach(() => {
    localStorage.clear();
    vi.mocked(authApi.login).mockReset();
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
  });

  it('shows the no-access note the guard asked for', async () => {
    const { wrapper } = await mountAt('/login?noAccess=1');
    expect(wrapper.find('[data-test="login-alert"]').text()).toContain(NO_ACCESS);
  });

  it('signs a member straight out again, with the no-access note', async () => {
    const { wrapper, router } = await mountAt('/login?redirect=/users');
    await signIn(wrapper, testUser({ username: 'bob', role: 'user' }));
    await vi.waitFor(() => expect(wrapper.find('[data-test="login-alert"]').text()).toContain(NO_ACCESS));
    expect(authApi.logout).toHaveBeenCalled();
    expect(useSessionStore().isSignedIn).toBe(false);
    expect(router.currentRoute.value.name).toBe('login');
    expect(showSuccess).not.toHaveBeenCalled();
  });

  it('takes an admin to the page they came for (same-site paths only)', async () => {
    const { wrapper, router } = await mountAt('/login?redirect=/users');
    await signIn(wrapper, testUser({ username: 'root', role: 'admin' }));
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/users'));
    expect(showSuccess).toHaveBeenCalledWith('登录成功');
  });

  it('ignores an off-site redirect', async () => {
    const { wrapper, router } = await mountAt('/login?redirect=//evil.example');
    await signIn(wrapper, testUser({ username: 'agent1', role: 'agent' }));
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('dashboard'));
  });
});
