import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { i18n, currentLocale } from './locales';
import { createAppRouter } from './router';
import { installHttpHooks } from './api/http';
import { sessionHooks } from './api/session-hooks';
import { useSessionStore } from './stores/session';
import { loginRoute } from './router/guards';
import './styles.css';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
app.use(i18n);
const router = createAppRouter();

let expiredNoticeShown = false;
installHttpHooks(
  sessionHooks(useSessionStore(pinia), currentLocale, () => {
    const current = router.currentRoute.value;
    // During the first navigation the guard already sends the member to login.
    if (current.matched.length === 0 || current.meta.public) return;
    if (!expiredNoticeShown) {
      expiredNoticeShown = true;
      ElMessage({ type: 'warning', message: i18n.global.t('errors.sessionExpired'), onClose: () => (expiredNoticeShown = false) });
    }
    void router.replace(loginRoute(current));
  }),
);

app.use(router);
document.documentElement.lang = currentLocale();
app.mount('#app');
