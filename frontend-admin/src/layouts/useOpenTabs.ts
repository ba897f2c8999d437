import { ref, watch } from 'vue';
import type { RouteLocationNormalizedLoaded, Router } from 'vue-router';

/** An open page in the tab bar: one per route path (its latest query kept). */
export interface OpenTab {
  path: string;
  fullPath: string;
  titleKey: string;
  affix: boolean;
}

const STORAGE_KEY = 'zhice.admin.tabs';
/** Pages that are not tabs (error pages). */
const SKIP = new Set(['forbidden', 'not-found']);

function restore(): OpenTab[] {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as OpenTab[]).filter((x) => typeof x?.path === 'string' && typeof x.titleKey === 'string') : [];
  } catch {
    return [];
  }
}

/** Adds or updates the tab of a route (a pure step, unit-tested). The dashboard stays first and cannot close. */
export function withRoute(tabs: readonly OpenTab[], route: Pick<RouteLocationNormalizedLoaded, 'name' | 'path' | 'fullPath' | 'meta'>): OpenTab[] {
  const titleKey = route.meta.titleKey;
  if (!titleKey || SKIP.has(String(route.name)) || route.meta.public) return [...tabs];
  const tab: OpenTab = { path: route.path, fullPath: route.fullPath, titleKey, affix: route.path === '/' };
  const at = tabs.findIndex((x) => x.path === route.path);
  const next = [...tabs];
  if (at >= 0) next[at] = tab;
  else if (tab.affix) next.unshift(tab);
  else next.push(tab);
  return next;
}

/** The tab bar's state: follows the route, kept for the browser tab's session. */
export function useOpenTabs(router: Router) {
  const tabs = ref<OpenTab[]>(withRoute(restore(), { name: 'dashboard', path: '/', fullPath: '/', meta: { titleKey: 'menu.dashboard' } }));
  watch(
    () => router.currentRoute.value,
    (route) => (tabs.value = withRoute(tabs.value, route)),
    { immediate: true },
  );
  watch(tabs, (v) => sessionStorage.setItem(STORAGE_KEY, JSON.stringify(v)), { deep: true });

  /** Closes a tab; when it was the current page, goes to its neighbour. */
  function close(path: string): void {
    const at = tabs.value.findIndex((x) => x.path === path);
    const tab = tabs.value[at];
    if (!tab || tab.affix) return;
    tabs.value = tabs.value.filter((x) => x.path !== path);
    if (router.currentRoute.value.path === path) {
      const next = tabs.value[at] ?? tabs.value[at - 1] ?? tabs.value[0];
      void router.push(next?.fullPath ?? '/');
    }
  }

  /** Closes every tab but the dashboard and the current page. */
  function closeOthers(): void {
    const current = router.currentRoute.value.path;
    tabs.value = tabs.value.filter((x) => x.affix || x.path === current);
  }

  return { tabs, close, closeOthers };
}
