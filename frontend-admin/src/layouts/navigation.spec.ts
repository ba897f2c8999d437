import { describe, expect, it } from 'vitest';
import { routes } from '@/router/routes';
import { activeMenuPath, breadcrumbs, menuEntries } from './navigation';
import { withRoute } from './useOpenTabs';
import { filtersFromQuery, queryFromState } from '@/composables/usePagedTable';

describe('layout navigation from route meta', () => {
  it('menu: the role’s pages with meta.menu', () => {
    const admin = menuEntries(routes, 'admin').map((e) => e.name);
    expect(admin).toContain('users');
    expect(admin).not.toContain('pool-detail');
    expect(menuEntries(routes, 'agent').map((e) => e.name)).not.toContain('users');
  });

  it('breadcrumbs: home › parent list › page; the parent keeps its menu entry active', () => {
    const route = { name: 'pool-detail', path: '/pools/7', meta: { titleKey: 'pools.detailTitle', parent: 'pools' } };
    expect(breadcrumbs(route, routes)).toEqual([
      { titleKey: 'menu.dashboard', to: '/' },
      { titleKey: 'menu.pools', to: '/pools' },
      { titleKey: 'pools.detailTitle' },
    ]);
    expect(activeMenuPath(route, routes)).toBe('/pools');
    expect(breadcrumbs({ name: 'dashboard', meta: { titleKey: 'menu.dashboard' } }, routes)).toEqual([{ titleKey: 'menu.dashboard' }]);
  });

  it('tabs: one per path, the dashboard first, error pages left out', () => {
    let tabs = withRoute([], { name: 'users', path: '/users', fullPath: '/users', meta: { titleKey: 'menu.users' } });
    tabs = withRoute(tabs, { name: 'dashboard', path: '/', fullPath: '/', meta: { titleKey: 'menu.dashboard' } });
    tabs = withRoute(tabs, { name: 'users', path: '/users', fullPath: '/users?q=a', meta: { titleKey: 'menu.users' } });
    tabs = withRoute(tabs, { name: 'not-found', path: '/x', fullPath: '/x', meta: { titleKey: 'pages.notFoundTitle' } });
    expect(tabs.map((x) => [x.path, x.fullPath, x.affix])).toEqual([
      ['/', '/', true],
      ['/users', '/users?q=a', false],
    ]);
  });

  it('list filters, page and sort round-trip through the URL query', () => {
    const initial = { q: '', vipLevel: '' as number | '', range: null };
    const query = queryFromState({ tab: 'x' }, initial, { q: 'ann', vipLevel: 2, range: null }, 3, 'username:asc', 'createdAt:desc');
    expect(query).toEqual({ tab: 'x', q: 'ann', vipLevel: '2', page: '3', sort: 'username:asc' });
    expect(filtersFromQuery(initial, query, ['vipLevel'])).toEqual({ q: 'ann', vipLevel: 2 });
    expect(filtersFromQuery(initial, { q: '42' })).toEqual({ q: '42' });
  });
});
