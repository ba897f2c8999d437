/// <reference types="vite/client" />
import 'vue-router';

export {};

declare module 'vue-router' {
  interface RouteMeta {
    /** reachable without signing in */
    public?: boolean;
    /** roles allowed; absent = any signed-in admin-panel role */
    roles?: readonly import('@zhice/shared').Role[];
    /** i18n key of the page title (and sidebar entry) */
    titleKey?: string;
    /** show in the sidebar menu */
    menu?: boolean;
    /** sidebar icon component name (see layouts/menuIcons.ts) */
    icon?: string;
    /** the route name this page sits under (breadcrumb, active menu entry), e.g. a list for its detail page */
    parent?: string;
  }
}
