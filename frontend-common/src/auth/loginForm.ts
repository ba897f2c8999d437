import { reactive, ref, type Ref } from 'vue';
import type { CaptchaDto, LoginRequest, UserDto } from '@zhice/shared';
import { ApiError, toApiError } from '../api/errors';
import { formatDateTimeShort } from '../utils/format';
import type { Translate } from '../locales';
import { lockedUntilOf } from './lockedUntil';

/** What the login form needs from the app it lives in (its API, session store, i18n, toasts). */
export interface LoginFormDeps {
  getCaptcha: () => Promise<CaptchaDto>;
  login: (body: LoginRequest) => Promise<UserDto>;
  t: Translate;
  showError: (e: unknown) => void;
  showMessage: (type: 'warning' | 'error', message: string) => void;
  /** where the inline message lives, when the page sets it too (else the form keeps its own) */
  alert?: Ref<string | null>;
}

/**
 * Login form state shared by both SPAs: captcha appears after 428 AUTH_CAPTCHA_REQUIRED and is
 * refreshed after every failed try (a captcha is single-use); 423 AUTH_LOCKED shows until when.
 */
export function createLoginForm(deps: LoginFormDeps) {
  const { getCaptcha, login, t, showError, showMessage } = deps;

  const form = reactive({ username: '', password: '', captchaCode: '' });
  const captcha = reactive({ needed: false, id: '', svg: '', loading: false });
  const submitting = ref(false);
  /** inline message above the form (lock, disabled, no access …) */
  const alert = deps.alert ?? ref<string | null>(null);

  async function loadCaptcha(): Promise<void> {
    captcha.loading = true;
    form.captchaCode = '';
    try {
      const c = await getCaptcha();
      captcha.id = c.captchaId;
      captcha.svg = c.svg;
    } catch (e) {
      showError(e);
    } finally {
      captcha.loading = false;
    }
  }

  function handleError(err: ApiError): void {
    switch (err.code) {
      case 'AUTH_CAPTCHA_REQUIRED':
        captcha.needed = true;
        alert.value = null;
        void loadCaptcha();
        if (form.captchaCode) showError(err);
        else showMessage('warning', err.message || t('login.captchaRequired'));
        return;
      case 'AUTH_CAPTCHA_INVALID':
        captcha.needed = true;
        void loadCaptcha();
        showError(err);
        return;
      case 'AUTH_LOCKED': {
        const until = lockedUntilOf(err);
        alert.value = until ? t('login.locked', { time: formatDateTimeShort(until) }) : t('login.lockedNoTime');
        showMessage('error', alert.value);
        return;
      }
      case 'AUTH_ACCOUNT_DISABLED':
        alert.value = err.message || t('login.disabled');
        showError(err);
        return;
      default:
        if (captcha.needed) void loadCaptcha();
        alert.value = null;
        showError(err);
    }
  }

  /** Signs in; resolves to the user, or null when it failed (already reported). */
  async function submit(): Promise<UserDto | null> {
    if (submitting.value) return null;
    submitting.value = true;
    alert.value = null;
    const body: LoginRequest = { username: form.username.trim(), password: form.password };
    if (captcha.needed && captcha.id) {
      body.captchaId = captcha.id;
      body.captchaCode = form.captchaCode.trim();
    }
    try {
      return await login(body);
    } catch (e) {
      handleError(toApiError(e));
      return null;
    } finally {
      submitting.value = false;
    }
  }

  return { form, captcha, submitting, alert, submit, loadCaptcha };
}
