import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import type { LoginRequest, UserDto } from '@zhice/shared';
import { http } from '../api/http';
import { createSpaI18n } from '../locales/i18n';
import { LOCALE_STORAGE_KEY } from '../locales';
import { errorBody, fakeAdapter } from '../test/fakeAdapter';
import { testUser } from '../test/fixtures';
import { TOAST_KEY } from '../utils/notify';
import { ApiError } from '../api/errors';
import LoginForm from './LoginForm.vue';

const defaultAdapter = http.defaults.adapter;
let wrapper: VueWrapper | undefined;

function mountForm(login: (body: LoginRequest) => Promise<UserDto>, props: { alert?: string | null } = {}) {
  localStorage.setItem(LOCALE_STORAGE_KEY, 'en');
  const { i18n } = createSpaI18n([]);
  const toast = vi.fn();
  wrapper = mount(LoginForm, {
    props: { login, ...props },
    global: { plugins: [i18n], provide: { [TOAST_KEY as symbol]: toast } },
    attachTo: document.body,
  });
  return { wrapper, toast };
}

async function fillAndSubmit(w: VueWrapper, values: Record<string, string>) {
  for (const [test, value] of Object.entries(values)) await w.find(`input[data-test="${test}"]`).setValue(value);
  await w.find('form').trigger('submit');
  await flushPromises();
}

describe('LoginForm', () => {
  let captchaCalls: number;
  beforeEach(() => {
    localStorage.clear();
    captchaCalls = 0;
    http.defaults.adapter = fakeAdapter((config) => {
      if (config.url === '/auth/captcha') return { status: 200, data: { captchaId: `c${++captchaCalls}`, svg: '<svg/>' } };
      return errorBody(404, 'NOT_FOUND');
    });
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    http.defaults.adapter = defaultAdapter;
  });

  it('asks for username and password before signing in', async () => {
    const login = vi.fn<(body: LoginRequest) => Promise<UserDto>>();
    const { wrapper } = mountForm(login);
    await fillAndSubmit(wrapper, {});
    await vi.waitFor(() => expect(wrapper.text()).toContain('Please enter your username or e-mail'));
    expect(wrapper.text()).toContain('Please enter your password');
    expect(login).not.toHaveBeenCalled();
    expect(wrapper.emitted('signed-in')).toBeUndefined();
  });

  it('signs in with the trimmed username and emits signed-in with the user', async () => {
    const user = testUser();
    const login = vi.fn<(body: LoginRequest) => Promise<UserDto>>().mockResolvedValue(user);
    const { wrapper } = mountForm(login);
    await fillAndSubmit(wrapper, { 'login-username': ' alice ', 'login-password': 'secret-pw' });
    await vi.waitFor(() => expect(wrapper.emitted('signed-in')).toEqual([[user]]));
    expect(login).toHaveBeenCalledWith({ username: 'alice', password: 'secret-pw' });
    expect(wrapper.find('[data-test="login-captcha"]').exists()).toBe(false);
  });

  it('after 428 shows a captcha from GET /auth/captcha, warns, and sends the captcha with the next try', async () => {
    const login = vi
      .fn<(body: LoginRequest) => Promise<UserDto>>()
      .mockRejectedValueOnce(new ApiError(428, 'AUTH_CAPTCHA_REQUIRED', 'Captcha required'))
      .mockResolvedValueOnce(testUser());
    const { wrapper, toast } = mountForm(login);
    await fillAndSubmit(wrapper, { 'login-username': 'alice', 'login-password': 'pw-12345' });
    await vi.waitFor(() => expect(wrapper.find('input[data-test="login-captcha"]').exists()).toBe(true));
    expect(wrapper.find('[data-test="captcha-image"] img').exists()).toBe(true);
    expect(toast).toHaveBeenCalledWith({ type: 'warning', message: 'Captcha required' });

    await fillAndSubmit(wrapper, { 'login-captcha': ' AB12 ' });
    await vi.waitFor(() => expect(wrapper.emitted('signed-in')).toHaveLength(1));
    expect(login).toHaveBeenLastCalledWith({ username: 'alice', password: 'pw-12345', captchaId: 'c1', captchaCode: 'AB12' });
  });

  it('shows the page’s message and its own (lock) inline, through v-model:alert', async () => {
    const login = vi.fn<(body: LoginRequest) => Promise<UserDto>>().mockRejectedValue(new ApiError(423, 'AUTH_LOCKED', 'locked'));
    const { wrapper, toast } = mountForm(login, { alert: 'No access to the admin panel' });
    expect(wrapper.find('[data-test="login-alert"]').text()).toContain('No access to the admin panel');

    await fillAndSubmit(wrapper, { 'login-username': 'alice', 'login-password': 'pw-12345' });
    const lockedText = 'The account is temporarily locked, please try again later';
    await vi.waitFor(() => expect(wrapper.emitted('update:alert')?.at(-1)).toEqual([lockedText]));
    expect(toast).toHaveBeenCalledWith({ type: 'error', message: lockedText });
  });

  it('keeps its own message when the page does not bind one', async () => {
    const login = vi.fn<(body: LoginRequest) => Promise<UserDto>>().mockRejectedValue(new ApiError(403, 'AUTH_ACCOUNT_DISABLED', ''));
    const { wrapper, toast } = mountForm(login);
    expect(wrapper.find('[data-test="login-alert"]').exists()).toBe(false);
    await fillAndSubmit(wrapper, { 'login-username': 'alice', 'login-password': 'pw-12345' });
    await vi.waitFor(() => expect(wrapper.find('[data-test="login-alert"]').text()).toContain('This account has been disabled'));
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ type: 'error' }));
  });
});
