import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';

vi.mock('@/api/auth', () => ({ login: vi.fn(), logout: vi.fn(), getCaptcha: vi.fn() }));
vi.mock('@/utils/notify', () => ({ showError: vi.fn(), showSuccess: vi.fn(), describeError: vi.fn() }));

import * as authApi from '@/api/auth';
import { ApiError } from '@/api/errors';
import { useLogin } from './useLogin';

describe('useLogin', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    vi.mocked(authApi.login).mockReset();
    vi.mocked(authApi.getCaptcha).mockReset();
    vi.mocked(authApi.getCaptcha).mockResolvedValue({ captchaId: 'c1', svg: '<svg/>' });
  });

  it('shows a captcha after 428 and sends it with the next try', async () => {
    vi.mocked(authApi.login).mockRejectedValueOnce(new ApiError(428, 'AUTH_CAPTCHA_REQUIRED', 'captcha required'));
    const login = useLogin();
    login.form.username = 'admin';
    login.form.password = 'pw';
    expect(await login.submit()).toBeNull();
    await vi.waitFor(() => expect(login.captcha.id).toBe('c1'));
    expect(login.captcha.needed).toBe(true);

    login.form.captchaCode = 'AB12';
    vi.mocked(authApi.login).mockRejectedValueOnce(new ApiError(400, 'AUTH_CAPTCHA_INVALID', 'wrong captcha'));
    vi.mocked(authApi.getCaptcha).mockResolvedValueOnce({ captchaId: 'c2', svg: '<svg/>' });
    await login.submit();
    expect(authApi.login).toHaveBeenLastCalledWith({ username: 'admin', password: 'pw', captchaId: 'c1', captchaCode: 'AB12' });
    await vi.waitFor(() => expect(login.captcha.id).toBe('c2'));
    expect(login.form.captchaCode).toBe('');
  });

  it('shows until when a locked account is locked (Beijing time)', async () => {
    vi.mocked(authApi.login).mockRejectedValueOnce(
      new ApiError(423, 'AUTH_LOCKED', 'locked', { lockedUntil: '2025-05-01T02:15:00Z' }),
    );
    const login = useLogin();
    await login.submit();
    expect(login.alert.value).toContain('2025-05-01 10:15');
  });
});
