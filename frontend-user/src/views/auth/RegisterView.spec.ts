import { beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';

vi.mock('@/api/auth', () => ({ register: vi.fn(), login: vi.fn(), logout: vi.fn(), getCaptcha: vi.fn() }));

import * as authApi from '@/api/auth';
import { ApiError } from '@/api/errors';
import { i18n } from '@/locales';
import RegisterView from './RegisterView.vue';

async function mountView() {
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/register', name: 'register', component: RegisterView },
      { path: '/login', name: 'login', component: { template: '<div />' } },
      { path: '/account', name: 'account', component: { template: '<div data-test="account" />' } },
    ],
  });
  await router.push('/register');
  await router.isReady();
  const wrapper = mount(RegisterView, { global: { plugins: [pinia, router, i18n] }, attachTo: document.body });
  return { wrapper, router };
}

async function fill(wrapper: Awaited<ReturnType<typeof mountView>>['wrapper'], values: Record<string, string>) {
  for (const [key, value] of Object.entries(values)) {
    await wrapper.find(`input[data-test="${key}"]`).setValue(value);
  }
}

describe('RegisterView', () => {
  beforeEach(() => {
    localStorage.clear();
    vi.mocked(authApi.register).mockReset();
  });

  it('does not submit until the risk notice is acknowledged, then sends riskAck: true', async () => {
    vi.mocked(authApi.register).mockResolvedValue({
      accessToken: 'a',
      refreshToken: 'r',
      user: {
        id: '1',
        username: 'new_member',
        email: null,
        emailVerified: false,
        role: 'user',
        status: 'active',
        vipLevel: 0,
        vipExpiresAt: null,
        stockQuota: 5,
        mustChangePassword: false,
        createdAt: '2025-01-01T00:00:00Z',
      },
    });
    const { wrapper, router } = await mountView();
    expect(wrapper.find('[data-test="password-policy"]').exists()).toBe(true);
    await fill(wrapper, {
      'register-username': 'new_member',
      'register-password': 'goodpass1',
      'register-password-confirm': 'goodpass1',
    });
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(authApi.register).not.toHaveBeenCalled();

    await wrapper.find('[data-test="register-risk"] input').setValue(true);
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    await vi.waitFor(() => expect(authApi.register).toHaveBeenCalledTimes(1));
    expect(authApi.register).toHaveBeenCalledWith({ username: 'new_member', password: 'goodpass1', riskAck: true });
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('account'));
    wrapper.unmount();
  });

  it('rejects an all-digit password before asking the server', async () => {
    const { wrapper } = await mountView();
    await fill(wrapper, {
      'register-username': 'new_member',
      'register-password': '12345678',
      'register-password-confirm': '12345678',
    });
    await wrapper.find('[data-test="register-risk"] input').setValue(true);
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(authApi.register).not.toHaveBeenCalled();
    wrapper.unmount();
  });

  it('puts a taken username under its field', async () => {
    vi.mocked(authApi.register).mockRejectedValue(new ApiError(409, 'AUTH_USERNAME_TAKEN', '用户名已被占用'));
    const { wrapper } = await mountView();
    await fill(wrapper, {
      'register-username': 'taken',
      'register-password': 'goodpass1',
      'register-password-confirm': 'goodpass1',
    });
    await wrapper.find('[data-test="register-risk"] input').setValue(true);
    await wrapper.find('form').trigger('submit');
    await vi.waitFor(() => expect(wrapper.text()).toContain('用户名已被占用'));
    wrapper.unmount();
  });
});
