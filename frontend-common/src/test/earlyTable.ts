import { afterEach, expect, it } from 'vitest';
import { createMemoryHistory, createRouter, type RouteRecordRaw } from 'vue-router';
import type { EarlyRoute } from '../app/earlyStart';
import { http } from '../api/http';

type Loader = () => Promise<unknown>;

/**
 * Holds an app's early-start table (app/earlyStart.ts) to its router: every component the router
 * loads for the route's example path is listed, and every other listed module is loaded lazily by
 * a listed page (`import('./Name.vue')` in its source). `views`: import.meta.glob of the app's
 * layouts and views (keys `../layouts/X.vue`, as seen from src/router); `sources`: the same files' text.
 */
export async function expectEarlyModulesMatchRouter(
  route: EarlyRoute,
  examplePath: string,
  routes: RouteRecordRaw[],
  views: Record<string, Loader>,
  sources: Record<string, string>,
): Promise<void> {
  const file = (module: string) => `../${module.replace(/^src\//, '')}`;
  expect(route.path.test(examplePath), `${examplePath} matches ${route.path}`).toBe(true);
  const router = createRouter({ history: createMemoryHistory(), routes });
  const matched = router.resolve(examplePath).matched;
  expect(matched.at(-1)?.name, `${examplePath} is a named page`).toBeTruthy();
  const loaded = await Promise.all(matched.map((m) => (m.components!.default as () => Promise<{ default: unknown }>)().then((x) => x.default)));
  const listed = await Promise.all(
    route.modules.map(async (m) => {
      const load = views[file(m)];
      if (!load) throw new Error(`${m} does not exist`);
      return ((await load()) as { default: unknown }).default;
    }),
  );
  for (const component of loaded) expect(listed, `the router loads a component ${route.path} does not list`).toContain(component);
  route.modules.forEach((m, i) => {
    if (loaded.includes(listed[i])) return;
    const name = m.split('/').at(-1)!;
    const importer = route.modules.find((o) => o !== m && sources[file(o)]?.includes(`import('./${name}')`));
    expect(importer, `${m} is loaded lazily by a listed page`).toBeDefined();
  });
}

/** The GET paths of an early route for a matched path (`{1}` … filled in as the inline script does). */
export function earlyGets(route: EarlyRoute, path: string): string[] {
  const match = route.path.exec(path);
  if (!match) throw new Error(`${path} does not match ${route.path}`);
  return (route.get ?? []).map((t) => t.replace(/\{(\d+)\}/g, (_, i: string) => encodeURIComponent(match[Number(i)] ?? '')));
}

/**
 * The cases both apps' early.spec.ts share: every early route has an example path, and each names
 * the components the router loads for it (expectEarlyModulesMatchRouter). Call inside a describe;
 * the describe's cases may swap the HTTP client's transport (it is put back after each).
 */
export function earlyTableCases(
  earlyRoutes: readonly EarlyRoute[],
  examples: Record<string, string>,
  routes: RouteRecordRaw[],
  views: Record<string, Loader>,
  sources: Record<string, string>,
): void {
  const transport = http.defaults.adapter;
  afterEach(() => {
    http.defaults.adapter = transport;
  });

  it('has an example for every route (a new entry needs one in its spec)', () => {
    expect(earlyRoutes.map((r) => r.path.source).sort()).toEqual(Object.keys(examples).sort());
  });

  it.each(earlyRoutes.map((r) => [r.path.source, r] as const))("%s: names the components the router loads for it, and the pages' own lazy parts", async (source, route) => {
    await expectEarlyModulesMatchRouter(route, examples[source]!, routes, views, sources);
  }, 60_000); // the first case transforms the pages and Element Plus
}
