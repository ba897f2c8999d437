import { describe, expect, it } from 'vitest';
import { earlyGets, earlyTableCases } from '@zhice/frontend-common/test/earlyTable';
import { http, queryString, type HttpAdapter } from '@/api/http';
import { getMe } from '@/api/me';
import { earlyRoutes } from './early';
import { routes } from './routes';

// The early-start table (early.ts) repeats what the router does; these cases fail when it no longer does.

const examples: Record<string, string> = { '^\\/$': '/', '^\\/users$': '/users', '^\\/login$': '/login' };
const views = import.meta.glob(['../layouts/*.vue', '../views/**/*.vue']);
const sources = import.meta.glob(['../views/**/*.vue'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

describe('early-start table', () => {
  earlyTableCases(earlyRoutes, examples, routes, views, sources);

  it("the early GET is the guard's /me, as the API client writes it", async () => {
    const sent: string[] = [];
    const adapter: HttpAdapter = async (req) => (sent.push(req.url + queryString(req.params)), { status: 200, data: {} });
    http.defaults.adapter = adapter;
    await getMe();
    for (const route of earlyRoutes.filter((r) => r.get)) expect(earlyGets(route, examples[route.path.source]!)).toEqual(sent);
  });
});
