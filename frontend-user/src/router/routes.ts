import type { RouteRecordRaw } from 'vue-router';

/** Member pages, all inside the top-bar layout. Views are lazy, one chunk per page. */
export const routes: RouteRecordRaw[] = [
  {
    path: '/',
    component: () => import('@/layouts/MemberLayout.vue'),
    children: [
      {
        path: '',
        name: 'home',
        component: () => import('@/views/home/HomeView.vue'),
        meta: { public: true, guestOnly: true, titleKey: 'home.title' },
      },
      {
        path: 'login',
        name: 'login',
        component: () => import('@/views/auth/LoginView.vue'),
        meta: { public: true, guestOnly: true, titleKey: 'login.title' },
      },
      {
        path: 'register',
        name: 'register',
        component: () => import('@/views/auth/RegisterView.vue'),
        meta: { public: true, guestOnly: true, titleKey: 'register.title' },
      },
      {
        path: 'forgot-password',
        name: 'forgot-password',
        component: () => import('@/views/auth/ForgotPasswordView.vue'),
        meta: { public: true, titleKey: 'forgot.title' },
      },
      {
        path: 'reset-password',
        name: 'reset-password',
        component: () => import('@/views/auth/ResetPasswordView.vue'),
        meta: { public: true, titleKey: 'reset.title' },
      },
      {
        path: 'verify-email',
        name: 'verify-email',
        component: () => import('@/views/auth/VerifyEmailView.vue'),
        meta: { public: true, titleKey: 'verify.title' },
      },
      {
        path: 'change-password',
        name: 'change-password',
        component: () => import('@/views/password/ChangePasswordView.vue'),
        meta: { titleKey: 'changePassword.title' },
      },
      {
        path: 'account',
        name: 'account',
        component: () => import('@/views/account/AccountView.vue'),
        meta: { titleKey: 'account.title' },
      },
      {
        path: 'stocks',
        name: 'stocks',
        component: () => import('@/views/stocks/MyStocksView.vue'),
        meta: { titleKey: 'myStocks.title' },
      },
      {
        path: 'stocks/:tsCode',
        name: 'stock-detail',
        component: () => import('@/views/stock-detail/StockDetailView.vue'),
        meta: { titleKey: 'stockDetail.title' },
      },
      {
        path: 'messages',
        name: 'messages',
        component: () => import('@/views/messages/MessagesView.vue'),
        meta: { titleKey: 'messages.title' },
      },
      {
        path: 'vip',
        name: 'vip',
        component: () => import('@/views/vip/VipView.vue'),
        meta: { public: true, titleKey: 'vipPage.title' },
      },
      {
        path: 'orders',
        name: 'orders',
        component: () => import('@/views/payments/OrdersView.vue'),
        meta: { titleKey: 'orders.title' },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@zhice/frontend-common/components/ErrorPage.vue'),
        props: { status: 404 },
        meta: { public: true, titleKey: 'pages.notFoundTitle' },
      },
    ],
  },
];
