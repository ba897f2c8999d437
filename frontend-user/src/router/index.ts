import { createRouter, createWebHistory, type Router } from 'vue-router';
import { useSessionStore } from '@/stores/session';
import { i18n } from '@/locales';
import { routes } from './routes';
import { authGuard } from './guards';

export function createAppRouter(): Router {
  const router = createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes,
    scrollBehavior: () => ({ top: 0 }),
  });
  router.beforeEach((to) => authGuard(to, useSessionStore()));
  router.afterEach((to) => {
    const key = to.meta.titleKey;
    const t = i18n.global.t;
    document.title = key ? `${t(key)} · ${t('app.brand')}` : t('app.brand');
  });
  return router;
}
