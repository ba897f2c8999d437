import { watch, type Ref } from 'vue';
import { START_LOCATION, type RouteComponent, type RouteLocationNormalized, type Router, type RouterScrollBehavior } from 'vue-router';

type Lazy = () => Promise<unknown>;

/** A route record's lazy component (`() => import(…)`), not a component object or functional component. */
function isLazy(component: RouteComponent | Lazy | undefined): component is Lazy {
  return typeof component === 'function' && !('displayName' in component) && !('props' in component) && !('__vccOpts' in component);
}

/**
 * Both routers' scrollBehavior: to the top after a navigation, but not after the first one — the
 * page has just loaded at the top, and `scrollTo` then forced a layout of the freshly mounted page
 * inside the mount's task (~60–90 ms on a slow phone) instead of in the next frame's.
 */
export const scrollToTop: RouterScrollBehavior = (_to, from) => (from === START_LOCATION ? false : { top: 0 });

/**
 * Starts loading the chunks of every lazy component the target route renders (its layout and its
 * view). Called first in `beforeEach`, so they download while the guard waits for `/me` instead
 * of after it; vue-router's own later `import()` gets the same module from the browser's cache.
 */
export function prefetchRouteChunks(to: Pick<RouteLocationNormalized, 'matched'>): void {
  for (const record of to.matched) {
    for (const component of Object.values(record.components ?? {})) {
      if (isLazy(component)) void component().catch(() => undefined);
    }
  }
}

/**
 * Keeps `document.title` on the current page's title (`meta.titleKey`) in the current language:
 * after every navigation and whenever the language changes.
 */
export function followDocumentTitle(router: Router, locale: Ref<string>, titleOf: (titleKey: string | undefined) => string): void {
  const apply = () => {
    const key = router.currentRoute.value.meta.titleKey;
    document.title = titleOf(typeof key === 'string' ? key : undefined);
  };
  router.afterEach(apply);
  watch(locale, apply);
}
