import type { EarlyRoute } from '@zhice/frontend-common/app/earlyStart';

/**
 * The pages a cold load starts early (frontend-common/src/app/earlyStart.ts): the ones members open
 * first or from a bookmark. For each, the components the router loads for it (layout and page, plus
 * the part a phone renders at once) and the GETs it sends first when signed in: the guard's `/me`
 * and the page's data (router/routeData.ts). early.spec.ts holds this table to the router and to
 * the requests the app really sends. Read by vite.config.ts (plain data, no app imports).
 */
const layout = 'src/layouts/MemberLayout.vue';

export const earlyRoutes: readonly EarlyRoute[] = [
  { path: /^\/$/, modules: [layout, 'src/views/home/HomeView.vue'] },
  { path: /^\/login$/, modules: [layout, 'src/views/auth/LoginView.vue'] },
  {
    path: /^\/stocks$/,
    modules: [layout, 'src/views/stocks/MyStocksView.vue', 'src/views/stocks/MyStocksList.vue'],
    get: ['/me', '/me/stocks', '/me/signals/freshness'],
  },
  {
    path: /^\/stocks\/([0-9A-Za-z.]+)$/,
    modules: [layout, 'src/views/stock-detail/StockDetailView.vue', 'src/views/stock-detail/KlineChart.vue'],
    get: ['/me', '/me/signals/latest?tsCode={1}', '/market/bars?tsCode={1}&adjust=qfq', '/signals/chain/head'],
  },
];
