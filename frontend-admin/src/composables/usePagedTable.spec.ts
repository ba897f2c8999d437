import { describe, expect, it, vi } from 'vitest';
import { MAX_PAGE_SIZE, toSortParam, usePagedTable } from './usePagedTable';

describe('usePagedTable', () => {
  it('maps Element Plus sort changes to field:dir', () => {
    expect(toSortParam({ prop: 'username', order: 'ascending' })).toBe('username:asc');
    expect(toSortParam({ prop: 'createdAt', order: 'descending' })).toBe('createdAt:desc');
    expect(toSortParam({ prop: 'createdAt', order: null }, 'createdAt:desc')).toBe('createdAt:desc');
  });

  it('sends filters, page and sort, and goes back to page 1 on search', async () => {
    const fetcher = vi.fn().mockResolvedValue({ items: [{ id: 1 }], total: 41, page: 1, pageSize: 20 });
    const table = usePagedTable(fetcher, { filters: () => ({ q: '' }), sort: 'createdAt:desc' });
    await table.onPageChange(3);
    expect(fetcher).toHaveBeenLastCalledWith({ q: '', page: 3, pageSize: 20, sort: 'createdAt:desc' });
    table.filters.q = 'bob';
    await table.onSortChange({ prop: 'username', order: 'ascending' });
    expect(fetcher).toHaveBeenLastCalledWith({ q: 'bob', page: 1, pageSize: 20, sort: 'username:asc' });
    expect(table.total.value).toBe(41);
    expect(table.loading.value).toBe(false);
    await table.reset();
    expect(fetcher).toHaveBeenLastCalledWith({ q: '', page: 1, pageSize: 20, sort: 'createdAt:desc' });
  });

  it('keeps only the newest answer', async () => {
    let resolveFirst: (v: unknown) => void = () => undefined;
    const fetcher = vi
      .fn()
      .mockImplementationOnce(() => new Promise((r) => (resolveFirst = r)))
      .mockResolvedValueOnce({ items: ['new'], total: 1, page: 1, pageSize: 20 });
    const table = usePagedTable<string, object>(fetcher, { filters: () => ({}) });
    const first = table.load();
    await table.load();
    resolveFirst({ items: ['old'], total: 1, page: 1, pageSize: 20 });
    await first;
    expect(table.items.value).toEqual(['new']);
  });

  it('never asks for more than MAX_PAGE_SIZE rows', async () => {
    const fetcher = vi.fn().mockResolvedValue({ items: [], total: 0, page: 1, pageSize: MAX_PAGE_SIZE });
    const table = usePagedTable(fetcher, { filters: () => ({}), pageSize: 500 });
    expect(table.pageSize.value).toBe(MAX_PAGE_SIZE);
    await table.onPageSizeChange(1000);
    expect(fetcher).toHaveBeenLastCalledWith({ page: 1, pageSize: MAX_PAGE_SIZE });
  });
});
