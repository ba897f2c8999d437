import { createRouter, createWebHistory, type Router } from 'vue-router';
import { followDocumentTitle, prefetchRouteChunks, scrollToTop } from '@zhice/frontend-common/app/routerKit';
import { useSessionStore } from '@/stores/session';
import { i18n } from '@/locales';
import { routes } from './routes';
import { authGuard } from './guards';
import { prefetchRouteData } from './routeData';

export function createAppRouter(): Router {
  const router = createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes,
    scrollBehavior: scrollToTop,
  });
  router.beforeEach((to) => {
    prefetchRouteChunks(to); // in parallel with the guard's /me
    const session = useSessionStore();
    if (session.isSignedIn && !to.meta.public) prefetchRouteData(to); // so is the page's data
    return authGuard(to, session);
  });
  followDocumentTitle(router, i18n.global.locale, (key) => {
    const t = i18n.global.t;
    return key ? `${t(key)} · ${t('app.brand')}` : t('app.brand');
  });
  return router;
}
