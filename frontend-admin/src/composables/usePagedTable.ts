import { reactive, ref, shallowRef, type Ref, type ShallowRef, type UnwrapNestedRefs } from 'vue';
import type { Paged } from '@zhice/shared';
import { ApiError, toApiError } from '@/api/errors';
import { showError } from '@/utils/notify';

/** The API's largest page (`MAX_PAGE_SIZE` in the backend's pagination). */
export const MAX_PAGE_SIZE = 100;

/** Page sizes the list pages offer. */
export const PAGE_SIZES: readonly number[] = [10, 20, 50, MAX_PAGE_SIZE];

function clampPageSize(size: number): number {
  return Math.min(Math.max(1, Math.floor(size)), MAX_PAGE_SIZE);
}

export interface PageParams {
  page: number;
  pageSize: number;
  sort?: string;
}

export interface PagedTableOptions<F extends object> {
  /** initial filter values; also what `reset()` restores */
  filters: () => F;
  /** rows per page (default 20, at most MAX_PAGE_SIZE) */
  pageSize?: number;
  /** initial sort, `field:asc|desc` */
  sort?: string;
}

/** Element Plus' sort-change payload */
export interface SortChange {
  prop: string | null;
  order: 'ascending' | 'descending' | null;
}

export interface PagedTable<T, F extends object> {
  items: ShallowRef<T[]>;
  total: Ref<number>;
  page: Ref<number>;
  pageSize: Ref<number>;
  sort: Ref<string | undefined>;
  filters: UnwrapNestedRefs<F>;
  loading: Ref<boolean>;
  error: Ref<ApiError | null>;
  /** true once a load has finished (so "empty" is not shown before the first answer) */
  loaded: Ref<boolean>;
  load: () => Promise<void>;
  /** apply the filters from page 1 */
  search: () => Promise<void>;
  /** restore the initial filters and sort, from page 1 */
  reset: () => Promise<void>;
  onSortChange: (change: SortChange) => Promise<void>;
  onPageChange: (page: number) => Promise<void>;
  onPageSizeChange: (size: number) => Promise<void>;
}

/** Convert Element Plus' sort-change to the API's `field:asc|desc`. */
export function toSortParam(change: SortChange, fallback?: string): string | undefined {
  if (!change.prop || !change.order) return fallback;
  return `${change.prop}:${change.order === 'ascending' ? 'asc' : 'desc'}`;
}

/**
 * Server-side paging, sorting and filtering for one list endpoint, with loading / error state.
 * Out-of-order answers are dropped (only the newest request updates the table).
 */
export function usePagedTable<T, F extends object>(
  fetcher: (params: F & PageParams) => Promise<Paged<T>>,
  options: PagedTableOptions<F>,
): PagedTable<T, F> {
  const items = shallowRef<T[]>([]);
  const total = ref(0);
  const page = ref(1);
  const pageSize = ref(clampPageSize(options.pageSize ?? 20));
  const sort = ref<string | undefined>(options.sort);
  const filters = reactive(options.filters()) as UnwrapNestedRefs<F>;
  const loading = ref(false);
  const loaded = ref(false);
  const error = ref<ApiError | null>(null);
  let seq = 0;

  async function load(): Promise<void> {
    const mine = ++seq;
    loading.value = true;
    error.value = null;
    try {
      const params = { ...(filters as F), page: page.value, pageSize: pageSize.value } as F & PageParams;
      if (sort.value) params.sort = sort.value;
      const result = await fetcher(params);
      if (mine !== seq) return;
      items.value = result.items;
      total.value = result.total;
      // The list shrank under us (e.g. last page emptied): step back to the real last page.
      const lastPage = Math.max(1, Math.ceil(result.total / pageSize.value));
      if (result.items.length === 0 && page.value > lastPage) {
        page.value = lastPage;
        await load();
        return;
      }
    } catch (e) {
      if (mine !== seq) return;
      const err = toApiError(e);
      error.value = err;
      items.value = [];
      showError(err);
    } finally {
      if (mine === seq) {
        loading.value = false;
        loaded.value = true;
      }
    }
  }

  function search(): Promise<void> {
    page.value = 1;
    return load();
  }

  function reset(): Promise<void> {
    Object.assign(filters, options.filters());
    sort.value = options.sort;
    return search();
  }

  function onSortChange(change: SortChange): Promise<void> {
    sort.value = toSortParam(change, options.sort);
    return search();
  }

  function onPageChange(next: number): Promise<void> {
    page.value = next;
    return load();
  }

  function onPageSizeChange(size: number): Promise<void> {
    pageSize.value = clampPageSize(size);
    return search();
  }

  return { items, total, page, pageSize, sort, filters, loading, error, loaded, load, search, reset, onSortChange, onPageChange, onPageSizeChange };
}
