import type { RouteLocationNormalizedLoaded, RouteRecordRaw } from 'vue-router';
import type { Role } from '@zhice/shared';

/** A page of the layout as the menu, the breadcrumbs, the tabs and the menu search see it. */
export interface NavEntry {
  name: string;
  path: string;
  titleKey: string;
  icon: string | undefined;
}

/** The layout's child routes (everything under `/`). */
export function layoutRoutes(routes: readonly RouteRecordRaw[]): RouteRecordRaw[] {
  return routes.find((r) => r.path === '/')?.children ?? [];
}

const allowed = (r: RouteRecordRaw, role: Role | undefined) => !r.meta?.roles || (role !== undefined && r.meta.roles.includes(role));

/** Sidebar entries: routes with `meta.menu` the role may open, in route order. */
export function menuEntries(routes: readonly RouteRecordRaw[], role: Role | undefined): NavEntry[] {
  return layoutRoutes(routes)
    .filter((r) => r.meta?.menu && allowed(r, role))
    .map((r) => ({ name: String(r.name), path: r.path === '' ? '/' : `/${r.path}`, titleKey: r.meta?.titleKey ?? '', icon: r.meta?.icon }));
}

/** The menu entry a route belongs to: itself, or its `meta.parent`. */
export function activeMenuPath(route: Pick<RouteLocationNormalizedLoaded, 'path' | 'meta'>, routes: readonly RouteRecordRaw[]): string {
  const parent = route.meta.parent;
  if (parent) {
    const r = layoutRoutes(routes).find((x) => x.name === parent);
    if (r) return r.path === '' ? '/' : `/${r.path}`;
  }
  return route.path;
}

export interface Crumb {
  titleKey: string;
  to?: string;
}

/** Home › [parent list ›] this page. The dashboard alone is just "Home". */
export function breadcrumbs(route: Pick<RouteLocationNormalizedLoaded, 'name' | 'meta'>, routes: readonly RouteRecordRaw[]): Crumb[] {
  const home = layoutRoutes(routes).find((r) => r.path === '');
  const crumbs: Crumb[] = [];
  if (home && route.name !== home.name) crumbs.push({ titleKey: home.meta?.titleKey ?? '', to: '/' });
  const parent = route.meta.parent ? layoutRoutes(routes).find((r) => r.name === route.meta.parent) : undefined;
  if (parent) crumbs.push({ titleKey: parent.meta?.titleKey ?? '', to: `/${parent.path}` });
  if (route.meta.titleKey) crumbs.push({ titleKey: route.meta.titleKey });
  return crumbs;
}
