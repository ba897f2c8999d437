import { createLoginForm } from '@zhice/frontend-common/auth/loginForm';
import { lockedUntilOf } from '@zhice/frontend-common/auth/lockedUntil';
import { translator } from '@zhice/frontend-common/locales';
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
    t: translator(i18n.global),
    showError,
    showMessage: (type, message) => ElMessage({ type, message }),
  });
}
