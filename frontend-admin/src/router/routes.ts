import type { RouteRecordRaw } from 'vue-router';

/**
 * Pages of the admin panel. Views are lazy, one chunk per page. A page inside the layout needs
 * only its route here: `meta.titleKey` names it (document title, breadcrumb, tab, menu search),
 * `meta.menu` + `meta.icon` put it in the sidebar (icons: layouts/menuIcons.ts), `meta.roles`
 * guards it, `meta.parent` (a route name) places a sub-page under its list in the breadcrumbs and
 * keeps that menu entry active. See the README's frontend section.
 */
export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/auth/LoginView.vue'),
    meta: { public: true, titleKey: 'login.title' },
  },
  {
    // Outside the layout: nothing else may load until the password someone else chose is changed.
    path: '/change-password',
    name: 'change-password',
    component: () => import('@/views/password/ChangePasswordView.vue'),
    meta: { titleKey: 'changePassword.title' },
  },
  {
    path: '/',
    component: () => import('@/layouts/AdminLayout.vue'),
    children: [
      {
        path: '',
        name: 'dashboard',
        component: () => import('@/views/dashboard/DashboardView.vue'),
        meta: { titleKey: 'menu.dashboard', menu: true, icon: 'Odometer', roles: ['admin', 'agent'] },
      },
      {
        path: 'ledger',
        name: 'ledger-overview',
        component: () => import('@/views/ledger/LedgerOverviewView.vue'),
        meta: { titleKey: 'menu.ledgerOverview', menu: true, icon: 'Wallet', roles: ['admin', 'agent'] },
      },
      {
        path: 'agents',
        name: 'agents',
        component: () => import('@/views/ledger/AgentsView.vue'),
        meta: { titleKey: 'menu.agents', menu: true, icon: 'Avatar', roles: ['admin', 'agent'] },
      },
      {
        path: 'ledger/transfers',
        name: 'ledger-transfers',
        component: () => import('@/views/ledger/TransfersView.vue'),
        meta: { titleKey: 'menu.transfers', menu: true, icon: 'Switch', roles: ['admin', 'agent'] },
      },
      {
        path: 'ledger/withdrawals',
        name: 'ledger-withdrawals',
        component: () => import('@/views/ledger/WithdrawalsView.vue'),
        meta: { titleKey: 'menu.withdrawals', menu: true, icon: 'Money', roles: ['admin', 'agent'] },
      },
      {
        path: 'ledger/statement',
        name: 'ledger-statement',
        component: () => import('@/views/ledger/StatementView.vue'),
        meta: { titleKey: 'menu.statement', menu: true, icon: 'List', roles: ['agent'] },
      },
      {
        path: 'ledger/check',
        name: 'ledger-check',
        component: () => import('@/views/ledger/LedgerCheckView.vue'),
        meta: { titleKey: 'menu.ledgerCheck', menu: true, icon: 'Finished', roles: ['admin'] },
      },
      {
        path: 'users',
        name: 'users',
        component: () => import('@/views/users/UsersView.vue'),
        meta: { titleKey: 'menu.users', menu: true, icon: 'User', roles: ['admin'] },
      },
      {
        path: 'vip-levels',
        name: 'vip-levels',
        component: () => import('@/views/vip-levels/VipLevelsView.vue'),
        meta: { titleKey: 'menu.vipLevels', menu: true, icon: 'Medal', roles: ['admin'] },
      },
      {
        path: 'pools',
        name: 'pools',
        component: () => import('@/views/pools/PoolsView.vue'),
        meta: { titleKey: 'menu.pools', menu: true, icon: 'Collection', roles: ['admin'] },
      },
      {
        path: 'pools/import',
        name: 'pool-import',
        component: () => import('@/views/pools/PoolImportView.vue'),
        meta: { titleKey: 'importer.title', roles: ['admin'], parent: 'pools' },
      },
      {
        path: 'pools/:id',
        name: 'pool-detail',
        component: () => import('@/views/pools/PoolDetailView.vue'),
        meta: { titleKey: 'pools.detailTitle', roles: ['admin'], parent: 'pools' },
      },
      {
        path: 'allocations',
        name: 'allocations',
        component: () => import('@/views/pools/AllocationsView.vue'),
        meta: { titleKey: 'menu.allocations', menu: true, icon: 'Share', roles: ['admin'] },
      },
      {
        path: 'allocations/users/:userId',
        name: 'member-allocation',
        component: () => import('@/views/pools/MemberAllocationView.vue'),
        meta: { titleKey: 'allocations.memberTitle', roles: ['admin'], parent: 'allocations' },
      },
      {
        path: 'data-sources',
        name: 'data-sources',
        component: () => import('@/views/data-sources/DataSourcesView.vue'),
        meta: { titleKey: 'menu.dataSources', menu: true, icon: 'Connection', roles: ['admin'] },
      },
      {
        path: 'signals',
        name: 'signals',
        component: () => import('@/views/signals/SignalsView.vue'),
        meta: { titleKey: 'menu.signals', menu: true, icon: 'TrendCharts', roles: ['admin'] },
      },
      {
        path: 'payments/orders',
        name: 'payment-orders',
        component: () => import('@/views/payments/PaymentOrdersView.vue'),
        meta: { titleKey: 'menu.payments', menu: true, icon: 'Money', roles: ['admin'] },
      },
      {
        path: 'card-batches',
        name: 'card-batches',
        component: () => import('@/views/card-keys/CardBatchesView.vue'),
        meta: { titleKey: 'menu.cardBatches', menu: true, icon: 'Tickets', roles: ['admin', 'agent'] },
      },
      {
        path: 'card-keys',
        name: 'card-keys',
        component: () => import('@/views/card-keys/CardKeysView.vue'),
        meta: { titleKey: 'menu.cardKeys', menu: true, icon: 'Key', roles: ['admin', 'agent'] },
      },
      {
        path: 'card-projects',
        name: 'card-projects',
        component: () => import('@/views/card-keys/CardProjectsView.vue'),
        meta: { titleKey: 'menu.cardProjects', menu: true, icon: 'Box', roles: ['admin', 'agent'] },
      },
      {
        path: 'card-stats',
        name: 'card-stats',
        component: () => import('@/views/card-keys/CardStatsView.vue'),
        meta: { titleKey: 'menu.cardStats', menu: true, icon: 'PieChart', roles: ['admin', 'agent'] },
      },
      {
        path: 'login-logs',
        name: 'login-logs',
        component: () => import('@/views/login-logs/LoginLogsView.vue'),
        meta: { titleKey: 'menu.loginLogs', menu: true, icon: 'Tickets', roles: ['admin'] },
      },
      {
        path: 'operation-logs',
        name: 'operation-logs',
        component: () => import('@/views/operation-logs/OperationLogsView.vue'),
        meta: { titleKey: 'menu.operationLogs', menu: true, icon: 'Document', roles: ['admin'] },
      },
      {
        path: 'outbox',
        name: 'outbox',
        component: () => import('@/views/outbox/OutboxView.vue'),
        meta: { titleKey: 'menu.outbox', menu: true, icon: 'Message', roles: ['admin'] },
      },
      {
        path: '403',
        name: 'forbidden',
        component: () => import('@zhice/frontend-common/components/ErrorPage.vue'),
        props: { status: 403 },
        meta: { titleKey: 'pages.forbiddenTitle' },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@zhice/frontend-common/components/ErrorPage.vue'),
        props: { status: 404 },
        meta: { titleKey: 'pages.notFoundTitle' },
      },
    ],
  },
];
