import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { defineComponent } from 'vue';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import type { ChangePasswordRequest } from '@zhice/shared';
import { http } from '../api/http';
import { createSpaI18n } from '../locales/i18n';
import { LOCALE_STORAGE_KEY } from '../locales';
import { errorBody, fakeAdapter } from '../test/fakeAdapter';
import { TOAST_KEY } from '../utils/notify';
import ChangePasswordView from './ChangePasswordView.vue';

const defaultAdapter = http.defaults.adapter;
const Blank = defineComponent({ template: '<div />' });
let wrapper: VueWrapper | undefined;

interface Props {
  forced?: boolean;
  refreshToken?: string | null;
  refreshUser?: () => Promise<unknown>;
  signOut?: () => Promise<void>;
  change?: (body: ChangePasswordRequest) => Promise<void>;
}

async function mountPage(props: Props, path = '/change-password?redirect=%2Fpools') {
  localStorage.setItem(LOCALE_STORAGE_KEY, 'en');
  const { i18n } = createSpaI18n([]);
  const toast = vi.fn();
  const router: Router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/change-password', name: 'change-password', component: ChangePasswordView },
      { path: '/:rest(.*)*', component: Blank },
    ],
  });
  await router.push(path);
  wrapper = mount(ChangePasswordView, {
    props: { forced: false, refreshToken: 'r1', refreshUser: vi.fn().mockResolvedValue(undefined), ...props },
    global: { plugins: [i18n, router], provide: { [TOAST_KEY as symbol]: toast } },
    attachTo: document.body,
  });
  return { wrapper, toast, router };
}

async function fillAndSubmit(w: VueWrapper, values: Record<string, string>) {
  for (const [test, value] of Object.entries(values)) await w.find(`input[data-test="${test}"]`).setValue(value);
  await w.find('form').trigger('submit');
  await flushPromises();
}

const good = { 'change-password-current': 'old-pass-1', 'change-password-new': 'new-pass-22', 'change-password-confirm': 'new-pass-22' };

describe('ChangePasswordView (shared)', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    http.defaults.adapter = defaultAdapter;
  });

  it('forced: says why, offers sign-out instead of going back', async () => {
    const signOut = vi.fn().mockResolvedValue(undefined);
    const { wrapper } = await mountPage({ forced: true, signOut });
    expect(wrapper.find('[data-test="change-password-forced"]').text()).toContain('Someone else set this account’s password');
    expect(wrapper.find('[data-test="change-password-back"]').exists()).toBe(false);
    await wrapper.find('[data-test="change-password-sign-out"]').trigger('click');
    await flushPromises();
    expect(signOut).toHaveBeenCalledTimes(1);
  });

  it('not forced: no notice, a way back to where it came from', async () => {
    const { wrapper, router } = await mountPage({});
    expect(wrapper.find('[data-test="change-password-forced"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="change-password-sign-out"]').exists()).toBe(false);
    await wrapper.find('[data-test="change-password-back"]').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/pools');
  });

  it('checks the fields before sending', async () => {
    const change = vi.fn();
    const { wrapper } = await mountPage({ change });
    await fillAndSubmit(wrapper, { 'change-password-current': 'same-pass-1', 'change-password-new': 'same-pass-1', 'change-password-confirm': 'other' });
    await vi.waitFor(() => expect(wrapper.text()).toContain('The new password must differ from the current one'));
    expect(wrapper.text()).toContain('The new passwords do not match');
    expect(change).not.toHaveBeenCalled();
  });

  it('POSTs /me/password with the session refresh token, re-reads the user, and follows ?redirect=', async () => {
    const sent: unknown[] = [];
    http.defaults.adapter = fakeAdapter((config) => {
      if (config.url === '/me/password' && config.method === 'post') {
        sent.push(JSON.parse(String(config.data)));
        return { status: 204 };
      }
      return errorBody(404, 'NOT_FOUND');
    });
    const refreshUser = vi.fn().mockResolvedValue(undefined);
    const { wrapper, toast, router } = await mountPage({ forced: true, refreshUser });
    await fillAndSubmit(wrapper, good);
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/pools'));
    expect(sent).toEqual([{ currentPassword: 'old-pass-1', newPassword: 'new-pass-22', refreshToken: 'r1' }]);
    expect(refreshUser).toHaveBeenCalledTimes(1);
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ type: 'success', message: 'Password changed; sessions on other devices were signed out' }));
  });

  it('puts a wrong current password under its field and stays', async () => {
    http.defaults.adapter = fakeAdapter(() => errorBody(400, 'AUTH_CURRENT_PASSWORD_WRONG', 'The current password is wrong'));
    const refreshUser = vi.fn();
    const { wrapper, toast, router } = await mountPage({ refreshUser }, '/change-password?redirect=https%3A%2F%2Fevil.example');
    await fillAndSubmit(wrapper, good);
    await vi.waitFor(() => expect(wrapper.find('.el-form-item.is-error').text()).toContain('The current password is wrong'));
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ type: 'error', message: 'The current password is wrong' }));
    expect(refreshUser).not.toHaveBeenCalled();
    expect(router.currentRoute.value.name).toBe('change-password');
  });
});
