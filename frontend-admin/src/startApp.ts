import { startSpa } from '@zhice/frontend-common/app/startSpa';
import { lazyToast } from '@zhice/frontend-common/utils/notify';
import AppRoot from '@zhice/frontend-common/components/AppRoot.vue';
import { i18n } from './locales';
import { createAppRouter } from './router';
import { loginRoute } from './router/guards';
import { useSessionStore } from './stores/session';

/** Pinia, i18n, router, the HTTP client wired to this app's session (expired → warning + login), mount. */
export function startApp(): void {
  startSpa({ root: AppRoot, i18n, createRouter: createAppRouter, useSessionStore, loginRoute, toast: lazyToast });
}
