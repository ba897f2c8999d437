import { createApp, type App, type Component, type Plugin } from 'vue';
import { createPinia, type Pinia } from 'pinia';
import type { RouteLocationNormalizedLoaded, RouteLocationRaw, Router } from 'vue-router';
import { installHttpHooks } from '../api/http';
import { sessionHooks, type TokenSession } from '../api/session-hooks';
import { localeOf, translator } from '../locales';
import { TOAST_KEY, type Toast } from '../utils/notify';
import { installAutoLabels } from '../a11y/autoLabel';
import { nextTask } from '../composables/nextTask';
import { setClientErrorText } from '../api/errors';

/** Where an app sends someone to sign in again from `current` (with a redirect back). */
export type LoginRouteOf = (current: RouteLocationNormalizedLoaded) => RouteLocationRaw;

export interface SessionExpiredDeps {
  router: Pick<Router, 'currentRoute' | 'replace'>;
  loginRoute: LoginRouteOf;
  toast: Toast;
  /** the warning's text, read when it is shown (so it follows the UI language) */
  message: () => string;
}

/**
 * What happens after the API refused a token refresh (the session store is already cleared):
 * a warning toast — once, until it closes, however many requests failed — and back to login.
 * Nothing happens during the first navigation or on a public page: the guard handles those.
 */
export function createSessionExpiredHandler(deps: SessionExpiredDeps): () => void {
  const { router, loginRoute, toast, message } = deps;
  let noticeShown = false;
  return () => {
    const current = router.currentRoute.value;
    // During the first navigation the guard already sends the user to login.
    if (current.matched.length === 0 || current.meta.public) return;
    if (!noticeShown) {
      noticeShown = true;
      toast({ type: 'warning', message: message(), onClose: () => (noticeShown = false) });
    }
    void router.replace(loginRoute(current));
  };
}

/** The i18n instance an app installs (composition mode): plugin, locale ref and `t`. */
export type SpaI18n = Plugin & {
  global: { locale: { value: string }; t: (key: string, named: Record<string, unknown>) => string };
};

export interface SpaOptions {
  root: Component;
  /** its messages hold `errors.sessionExpired` */
  i18n: SpaI18n;
  /** called after Pinia is installed (the guards read the session store) */
  createRouter: () => Router;
  useSessionStore: (pinia: Pinia) => TokenSession;
  loginRoute: LoginRouteOf;
  /** the toast call (`ElMessage`): session-expired warnings, and shared components through useNotify */
  toast: Toast;
  /** the mount point */
  selector?: string;
}

/**
 * Boots an SPA the way both apps do: Pinia, i18n, the toast for shared components (useNotify),
 * router, the shared HTTP client wired to the session store (Bearer tokens, Accept-Language,
 * session-expired handling), `<html lang>`, mount (after the first navigation).
 */
export function startSpa(options: SpaOptions): App {
  const { i18n } = options;
  const app = createApp(options.root);
  const pinia = createPinia();
  app.use(pinia);
  app.use(i18n);
  app.provide(TOAST_KEY, options.toast);
  const router = options.createRouter();
  const currentLocale = () => localeOf(i18n.global.locale);
  const t = translator(i18n.global);
  setClientErrorText((key) => t(key));

  installHttpHooks(
    sessionHooks(
      options.useSessionStore(pinia),
      currentLocale,
      createSessionExpiredHandler({
        router,
        loginRoute: options.loginRoute,
        toast: options.toast,
        message: () => t('errors.sessionExpired'),
      }),
    ),
  );

  app.use(router);
  document.documentElement.lang = currentLocale();
  // Mounted once the first page is resolved (its chunks loaded, the guard's /me answered): until
  // then index.html's static splash stays on screen instead of an empty root (a blank frame).
  // The mount runs in a task of its own: the first page's chunks (Element Plus, the layout, the view)
  // are evaluated in the task that finished loading them, and the mount right after them in the same
  // task made one long task of both on a slow phone.
  const mount = () => {
    void nextTask().then(() => {
      app.mount(options.selector ?? '#app');
      installAutoLabels();
    });
  };
  router.isReady().then(mount, mount);
  return app;
}
