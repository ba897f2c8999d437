import { createLoginForm } from '@zhice/frontend-common/auth/loginForm';
import { lockedUntilOf } from '@zhice/frontend-common/auth/lockedUntil';
import { getCaptcha } from '@/api/auth';
import { useSessionStore } from '@/stores/session';
import { i18n } from '@/locales';
import { showError } from '@/utils/notify';

export { lockedUntilOf };

/** The shared login form wired to this app's API, session store, i18n and toasts. */
export function useLogin() {
  const session = useSessionStore();
  return createLoginForm({
    getCaptcha,
    login: (body) => session.login(body),
    t: (key, values) => (values ? i18n.global.t(key, values) : i18n.global.t(key)),
    showError,
    showMessage: (type, message) => ElMessage({ type, message }),
  });
}
