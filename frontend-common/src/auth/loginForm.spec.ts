import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/errors';
import type { LoginFormDeps } from './loginForm';
import { createLoginForm } from './loginForm';
import { testUser } from '../test/fixtures';

function fakeDeps() {
  return {
    getCaptcha: vi.fn<LoginFormDeps['getCaptcha']>().mockResolvedValue({ captchaId: 'c1', svg: '<svg/>' }),
    login: vi.fn<LoginFormDeps['login']>(),
    t: vi.fn((key: string, values?: Record<string, unknown>) => (values ? `${key} ${JSON.stringify(values)}` : key)),
    showError: vi.fn(),
    showMessage: vi.fn(),
  };
}

describe('createLoginForm', () => {
  let deps: ReturnType<typeof fakeDeps>;
  beforeEach(() => {
    deps = fakeDeps();
  });

  it('signs in with the trimmed username and resolves to the user', async () => {
    const user = testUser();
    deps.login.mockResolvedValue(user);
    const login = createLoginForm(deps);
    login.form.username = '  alice ';
    login.form.password = ' pw ';
    await expect(login.submit()).resolves.toEqual(user);
    expect(deps.login).toHaveBeenCalledWith({ username: 'alice', password: ' pw ' });
    expect(login.submitting.value).toBe(false);
    expect(deps.getCaptcha).not.toHaveBeenCalled();
  });

  it('shows a captcha after 428 and sends it with the next try; a wrong one loads a new captcha', async () => {
    deps.login.mockRejectedValueOnce(new ApiError(428, 'AUTH_CAPTCHA_REQUIRED', 'captcha required'));
    const login = createLoginForm(deps);
    login.form.username = 'admin';
    login.form.password = 'pw';
    expect(await login.submit()).toBeNull();
    await vi.waitFor(() => expect(login.captcha.id).toBe('c1'));
    expect(login.captcha.needed).toBe(true);
    expect(deps.showMessage).toHaveBeenCalledWith('warning', 'captcha required');

    login.form.captchaCode = 'AB12';
    deps.login.mockRejectedValueOnce(new ApiError(400, 'AUTH_CAPTCHA_INVALID', 'wrong captcha'));
    deps.getCaptcha.mockResolvedValueOnce({ captchaId: 'c2', svg: '<svg/>' });
    await login.submit();
    expect(deps.login).toHaveBeenLastCalledWith({ username: 'admin', password: 'pw', captchaId: 'c1', captchaCode: 'AB12' });
    await vi.waitFor(() => expect(login.captcha.id).toBe('c2'));
    expect(login.form.captchaCode).toBe('');
    expect(deps.showError).toHaveBeenCalledWith(expect.objectContaining({ code: 'AUTH_CAPTCHA_INVALID' }));
  });

  it('any other failure with a captcha shown loads a new one (captchas are single-use)', async () => {
    deps.login
      .mockRejectedValueOnce(new ApiError(428, 'AUTH_CAPTCHA_REQUIRED', ''))
      .mockRejectedValueOnce(new ApiError(401, 'AUTH_INVALID_CREDENTIALS', 'wrong password'));
    const login = createLoginForm(deps);
    await login.submit();
    expect(deps.showMessage).toHaveBeenCalledWith('warning', 'login.captchaRequired');
    await vi.waitFor(() => expect(login.captcha.id).toBe('c1'));
    deps.getCaptcha.mockResolvedValueOnce({ captchaId: 'c2', svg: '<svg/>' });
    await login.submit();
    await vi.waitFor(() => expect(login.captcha.id).toBe('c2'));
    expect(login.alert.value).toBeNull();
    expect(deps.showError).toHaveBeenCalledWith(expect.objectContaining({ code: 'AUTH_INVALID_CREDENTIALS' }));
  });

  it('shows until when a locked account is locked (Beijing time)', async () => {
    deps.login.mockRejectedValueOnce(new ApiError(423, 'AUTH_LOCKED', 'locked', { lockedUntil: '2025-05-01T02:15:00Z' }));
    const login = createLoginForm(deps);
    await login.submit();
    expect(login.alert.value).toContain('2025-05-01 10:15');
    expect(deps.t).toHaveBeenCalledWith('login.locked', { time: '2025-05-01 10:15' });
    expect(deps.showMessage).toHaveBeenCalledWith('error', login.alert.value);

    deps.login.mockRejectedValueOnce(new ApiError(423, 'AUTH_LOCKED', 'locked'));
    await login.submit();
    expect(login.alert.value).toBe('login.lockedNoTime');
  });

  it('a disabled account shows the server message above the form', async () => {
    deps.login.mockRejectedValueOnce(new ApiError(403, 'AUTH_ACCOUNT_DISABLED', 'account disabled'));
    const login = createLoginForm(deps);
    await login.submit();
    expect(login.alert.value).toBe('account disabled');
    expect(deps.showError).toHaveBeenCalledTimes(1);
  });
});
