import { startSpaSoon } from '@zhice/frontend-common/app/startSpa';
import { lazyToast } from '@zhice/frontend-common/utils/notify';
import AppRoot from '@zhice/frontend-common/components/AppRoot.vue';
import { i18n } from './locales';
import { createAppRouter } from './router';
import { loginRoute } from './router/guards';
import { useSessionStore } from './stores/session';
import 'element-plus/theme-chalk/dark/css-vars.css';
import '@zhice/frontend-common/styles/theme.css';
import './styles.css';

// Dark mode as last chosen (layouts/AdminLayout.vue toggles it), before the first render.
try {
  if (localStorage.getItem('zhice.admin.dark') === '1') document.documentElement.classList.add('dark');
} catch {
  /* storage unavailable */
}

// Pinia, i18n, router, the HTTP client wired to this app's session (expired → warning + login), mount
// (in the task after this module's evaluation: see startSpaSoon).
startSpaSoon({ root: AppRoot, i18n, createRouter: createAppRouter, useSessionStore, loginRoute, toast: lazyToast });
