import type { EarlyRoute } from '@zhice/frontend-common/app/earlyStart';

/**
 * The pages a cold load of the admin panel starts early (frontend-common/src/app/earlyStart.ts):
 * the dashboard, the users list and the sign-in page. Paths are below the panel's base (/admin/).
 * Only the guard's `/me` is sent early: the pages' own requests depend on filters kept in the URL.
 * early.spec.ts holds this table to the router. Read by vite.config.ts (plain data, no app imports).
 */
const layout = 'src/layouts/AdminLayout.vue';

export const earlyRoutes: readonly EarlyRoute[] = [
  { path: /^\/$/, modules: [layout, 'src/views/dashboard/DashboardView.vue'], get: ['/me'] },
  { path: /^\/users$/, modules: [layout, 'src/views/users/UsersView.vue'], get: ['/me'] },
  { path: /^\/login$/, modules: ['src/views/auth/LoginView.vue'] },
];
