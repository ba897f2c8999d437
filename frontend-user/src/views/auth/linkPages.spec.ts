import { beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { Component } from 'vue';

vi.mock('@/api/auth', () => ({ forgotPassword: vi.fn(), resetPassword: vi.fn(), verifyEmail: vi.fn(), login: vi.fn(), logout: vi.fn() }));

import * as authApi from '@/api/auth';
import { ApiError } from '@/api/errors';
import { i18n } from '@/locales';
import ForgotPasswordView from './ForgotPasswordView.vue';
import ResetPasswordView from './ResetPasswordView.vue';
import VerifyEmailView from './VerifyEmailView.vue';

const Stub = { template: '<div />' };

/** Mounts a page of the forgot / reset / verify flow at `path`. */
async function mountAt(view: Component, path: string) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/forgot-password', name: 'forgot-password', component: ForgotPasswordView },
      { path: '/reset-password', name: 'reset-password', component: ResetPasswordView },
      { path: '/verify-email', name: 'verify-email', component: VerifyEmailView },
      { path: '/login', name: 'login', component: Stub },
      { path: '/account', name: 'account', component: Stub },
    ],
  });
  await router.push(path);
  await router.isReady();
  const wrapper = mount(view, { global: { plugins: [pinia, router, i18n] }, attachTo: document.body });
  await flushPromises();
  return wrapper;
}

const linkOf = (wrapper: Awaited<ReturnType<typeof mountAt>>, testId: string) =>
  wrapper.find(`[data-test="${testId}"] a`).attributes('href');

describe('forgot / reset / verify pages', () => {
  beforeEach(() => {
    localStorage.clear();
    vi.mocked(authApi.forgotPassword).mockReset();
    vi.mocked(authApi.resetPassword).mockReset();
    vi.mocked(authApi.verifyEmail).mockReset();
  });

  it('forgot password: sends the trimmed address, then says so with a way back to login', async () => {
    vi.mocked(authApi.forgotPassword).mockResolvedValue();
    const wrapper = await mountAt(ForgotPasswordView, '/forgot-password');
    await wrapper.find('input[data-test="forgot-email"]').setValue(' alice@example.com ');
    await wrapper.find('form').trigger('submit');
    await vi.waitFor(() => expect(wrapper.find('[data-test="forgot-sent"]').exists()).toBe(true));
    expect(authApi.forgotPassword).toHaveBeenCalledWith('alice@example.com');
    expect(linkOf(wrapper, 'forgot-sent')).toBe('/login');
    wrapper.unmount();
  });

  it('forgot password: an invalid address is not sent', async () => {
    const wrapper = await mountAt(ForgotPasswordView, '/forgot-password');
    await wrapper.find('input[data-test="forgot-email"]').setValue('not-an-address');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(authApi.forgotPassword).not.toHaveBeenCalled();
    wrapper.unmount();
  });

  it('reset password: without a token the page offers a new link instead of the form', async () => {
    const wrapper = await mountAt(ResetPasswordView, '/reset-password');
    expect(wrapper.find('form').exists()).toBe(false);
    expect(linkOf(wrapper, 'reset-link-error')).toBe('/forgot-password');
    wrapper.unmount();
  });

  it('reset password: sets the new password with the token, or shows why the link failed', async () => {
    vi.mocked(authApi.resetPassword).mockRejectedValueOnce(new ApiError(400, 'AUTH_LINK_EXPIRED', 'expired')).mockResolvedValueOnce();
    const wrapper = await mountAt(ResetPasswordView, '/reset-password?token=tok1');
    await wrapper.find('input[data-test="reset-password"]').setValue('goodpass1');
    await wrapper.find('input[data-test="reset-password-confirm"]').setValue('goodpass1');
    await wrapper.find('form').trigger('submit');
    await vi.waitFor(() => expect(wrapper.find('[data-test="reset-link-error"]').exists()).toBe(true));
    expect(authApi.resetPassword).toHaveBeenCalledWith('tok1', 'goodpass1');
    wrapper.unmount();

    const again = await mountAt(ResetPasswordView, '/reset-password?token=tok2');
    await again.find('input[data-test="reset-password"]').setValue('goodpass2');
    await again.find('input[data-test="reset-password-confirm"]').setValue('goodpass2');
    await again.find('form').trigger('submit');
    await vi.waitFor(() => expect(again.find('[data-test="reset-done"]').exists()).toBe(true));
    expect(linkOf(again, 'reset-done')).toBe('/login');
    again.unmount();
  });

  it('verify email: a network failure offers a retry, and the retry can succeed', async () => {
    vi.mocked(authApi.verifyEmail).mockRejectedValueOnce(new ApiError(0, 'NETWORK_ERROR', 'offline')).mockResolvedValueOnce();
    const wrapper = await mountAt(VerifyEmailView, '/verify-email?token=v1');
    const status = () => wrapper.find('[data-test="verify-status"]');
    await vi.waitFor(() => expect(status().attributes('data-state')).toBe('failed'));
    expect(linkOf(wrapper, 'verify-status')).toBe('/login');
    const retry = status().findAll('button').find((b) => b.text() === i18n.global.t('common.retry'));
    expect(retry).toBeDefined();
    await retry!.trigger('click');
    await vi.waitFor(() => expect(status().attributes('data-state')).toBe('done'));
    expect(authApi.verifyEmail).toHaveBeenCalledTimes(2);
    wrapper.unmount();
  });
});
