import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { earlyGets, earlyTableCases } from '@zhice/frontend-common/test/earlyTable';
import { http, queryString, type HttpAdapter } from '@/api/http';
import { getMe } from '@/api/me';
import { earlyRoutes } from './early';
import { routes } from './routes';
import { prefetchRouteData, takePrefetched } from './routeData';

// The early-start table (early.ts) repeats what the router and the pages do; these cases fail when
// it no longer does, instead of the early start silently loading the wrong chunks or sending
// requests the app then sends again.

const examples: Record<string, string> = { '^\\/$': '/', '^\\/login$': '/login', '^\\/stocks$': '/stocks', '^\\/stocks\\/([0-9A-Za-z.]+)$': '/stocks/600519.SH' };
const views = import.meta.glob(['../layouts/*.vue', '../views/**/*.vue']);
const sources = import.meta.glob(['../views/**/*.vue'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

describe('early-start table', () => {
  earlyTableCases(earlyRoutes, examples, routes, views, sources);

  it.each(earlyRoutes.filter((r) => r.get).map((r) => [r.path.source, r] as const))('%s: its GETs are exactly the requests the guard and the page send first', async (source, route) => {
    const sent: string[] = [];
    const adapter: HttpAdapter = async (req) => {
      sent.push(req.url + queryString(req.params));
      return { status: 200, data: { items: [] } };
    };
    http.defaults.adapter = adapter;
    const path = examples[source]!;
    const to = createRouter({ history: createMemoryHistory(), routes }).resolve(path);
    await getMe(); // the guard's
    prefetchRouteData({ name: to.name ?? undefined, params: to.params });
    await new Promise((r) => setTimeout(r, 0));
    expect(sent.sort()).toEqual(earlyGets(route, path).sort());
    // (drain the prefetches so they do not leak into other cases)
    for (const key of ['my-stocks', 'my-freshness', 'latest-signal:600519.SH', 'bars:600519.SH', 'chain-head']) await takePrefetched(key, async () => null);
  });
});
