import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import { ElInput, ElPagination, ElTableColumn } from 'element-plus';
import type { Paged } from '@zhice/shared';
import { ApiError } from '@/api/errors';
import { usePagedTable, type PageParams, type PagedTable as Table } from '@/composables/usePagedTable';
import { i18n } from '@/locales';
import PagedTable from './PagedTable.vue';

vi.mock('@/utils/notify', () => ({ showError: vi.fn(), showSuccess: vi.fn() }));

interface Row {
  id: string;
  name: string;
}
interface Filters {
  q: string;
}
type Fetcher = (params: Filters & PageParams) => Promise<Paged<Row>>;

const rows = (from: number, count: number): Row[] =>
  Array.from({ length: count }, (_, i) => ({ id: String(from + i), name: `row ${from + i}` }));

/** A fetcher over `total` rows that pages like the API does. */
function pagedFetcher(total: number) {
  return vi.fn<Fetcher>(async ({ page, pageSize }) => {
    const start = (page - 1) * pageSize;
    return { items: rows(start + 1, Math.max(0, Math.min(pageSize, total - start))), total, page, pageSize };
  });
}

let wrapper: VueWrapper | undefined;

/** Mounts a list page the way the views use it: filter field, one column, the state from usePagedTable. */
async function mountList(fetcher: Fetcher, extra: { emptyText?: string } = {}) {
  let table!: Table<Row, Filters>;
  const Page = defineComponent({
    setup() {
      table = usePagedTable<Row, Filters>(fetcher, { filters: () => ({ q: '' }), pageSize: 10 });
      return () =>
        h(
          PagedTable<Row, Filters>,
          { table, rowTestId: 'thing-row', rowKey: 'id', searchTestId: 'things-search', 'data-test': 'things-table', ...extra },
          {
            filters: () => h(ElInput, { modelValue: table.filters.q, 'onUpdate:modelValue': (v: string) => (table.filters.q = v), 'data-test': 'things-q' }),
            default: () => h(ElTableColumn, { prop: 'name', label: 'Name' }),
          },
        );
    },
  });
  wrapper = mount(Page, { global: { plugins: [i18n] }, attachTo: document.body });
  await flushPromises();
  return { wrapper, table: () => table };
}

const bodyRows = (w: VueWrapper) => w.findAll('.el-table__body tr.el-table__row');

describe('PagedTable', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'en';
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    i18n.global.locale.value = 'zh-CN';
  });

  it('loads the first page on mount and renders its rows, tagged for the browser tests', async () => {
    const fetcher = pagedFetcher(25);
    const { wrapper } = await mountList(fetcher);
    expect(fetcher).toHaveBeenCalledTimes(1);
    expect(fetcher).toHaveBeenLastCalledWith({ q: '', page: 1, pageSize: 10 });
    const found = bodyRows(wrapper);
    expect(found).toHaveLength(10);
    expect(found[0]!.text()).toContain('row 1');
    expect(found[9]!.text()).toContain('row 10');
    expect(found.every((r) => r.attributes('data-test') === 'thing-row')).toBe(true);
    expect(wrapper.find('[data-test="things-table"]').classes()).toContain('el-table');
    expect(wrapper.find('.el-pagination').text()).toContain('25');
    expect(wrapper.find('[data-test="state-empty"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="state-error"]').exists()).toBe(false);
  });

  it('shows the empty state (with its own text) when there are no rows', async () => {
    const { wrapper } = await mountList(pagedFetcher(0), { emptyText: 'Nothing switched yet' });
    expect(bodyRows(wrapper)).toHaveLength(0);
    const empty = wrapper.find('[data-test="state-empty"]');
    expect(empty.exists()).toBe(true);
    expect(empty.text()).toContain('Nothing switched yet');
  });

  it('shows the error state instead of the table, and retries', async () => {
    const fetcher = vi
      .fn<Fetcher>()
      .mockRejectedValueOnce(new ApiError(500, 'INTERNAL', 'database is down'))
      .mockResolvedValueOnce({ items: rows(1, 2), total: 2, page: 1, pageSize: 10 });
    const { wrapper } = await mountList(fetcher);
    const error = wrapper.find('[data-test="state-error"]');
    expect(error.exists()).toBe(true);
    expect(error.text()).toContain('database is down');
    expect(wrapper.find('.el-table').exists()).toBe(false);
    expect(wrapper.find('.el-pagination').exists()).toBe(false);

    await wrapper.find('[data-test="state-retry"]').trigger('click');
    await flushPromises();
    expect(fetcher).toHaveBeenCalledTimes(2);
    expect(wrapper.find('[data-test="state-error"]').exists()).toBe(false);
    expect(bodyRows(wrapper)).toHaveLength(2);
  });

  it('loads the page picked in the pager, and the next rows replace the first', async () => {
    const fetcher = pagedFetcher(25);
    const { wrapper, table } = await mountList(fetcher);
    const page3 = wrapper.findAll('.el-pager li').find((li) => li.text() === '3');
    expect(page3).toBeDefined();
    await page3!.trigger('click');
    await flushPromises();
    expect(fetcher).toHaveBeenLastCalledWith({ q: '', page: 3, pageSize: 10 });
    expect(table().page.value).toBe(3);
    const found = bodyRows(wrapper);
    expect(found).toHaveLength(5);
    expect(found[0]!.text()).toContain('row 21');
    expect(wrapper.find('.el-pager li.is-active').text()).toBe('3');
  });

  it('changes the page size from page 1', async () => {
    const fetcher = pagedFetcher(250);
    const { wrapper } = await mountList(fetcher);
    await wrapper.findAll('.el-pager li').find((li) => li.text() === '2')!.trigger('click');
    await flushPromises();
    wrapper.findComponent(ElPagination).vm.$emit('update:page-size', 50);
    await flushPromises();
    expect(fetcher).toHaveBeenLastCalledWith({ q: '', page: 1, pageSize: 50 });
    expect(bodyRows(wrapper)).toHaveLength(50);
  });

  it('searches with the filters from page 1, and resets them', async () => {
    const fetcher = pagedFetcher(25);
    const { wrapper, table } = await mountList(fetcher);
    await wrapper.findAll('.el-pager li').find((li) => li.text() === '2')!.trigger('click');
    await flushPromises();
    await wrapper.find('input[data-test="things-q"]').setValue('bob');
    await wrapper.find('[data-test="filter-bar"]').trigger('submit');
    await flushPromises();
    expect(fetcher).toHaveBeenLastCalledWith({ q: 'bob', page: 1, pageSize: 10 });
    expect(wrapper.find('[data-test="things-search"]').text()).toBe('Search');

    await wrapper.find('[data-test="filter-reset"]').trigger('click');
    await flushPromises();
    expect(table().filters.q).toBe('');
    expect(fetcher).toHaveBeenLastCalledWith({ q: '', page: 1, pageSize: 10 });
  });
});
