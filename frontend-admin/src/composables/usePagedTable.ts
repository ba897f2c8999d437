import { getCurrentInstance, reactive, ref, shallowRef, type Ref, type ShallowRef, type UnwrapNestedRefs } from 'vue';
import { useRoute, useRouter, type LocationQuery } from 'vue-router';
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
  /**
   * Keep the text/select filters (those whose initial value is ''), the page and the sort in the
   * URL's query (default on inside a routed component): a reload, a shared link or the back button
   * shows the same list. `false` for a second table on the same page.
   */
  syncUrl?: boolean;
  /** filters whose URL value is read back as a number (e.g. a VIP level select) */
  numericFilters?: readonly string[];
}

/** The filter values a URL query sets: keys whose initial value is '' (numbers for `numeric`). */
export function filtersFromQuery<F extends object>(initial: F, query: LocationQuery, numeric: readonly string[] = []): Partial<F> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(initial)) {
    const raw = query[key];
    if (value !== '' || typeof raw !== 'string' || raw === '') continue;
    out[key] = numeric.includes(key) && /^-?\d+$/.test(raw) ? Number(raw) : raw;
  }
  return out as Partial<F>;
}

/** The query that describes a list's state, over the current query's other keys. */
export function queryFromState(current: LocationQuery, initial: object, filters: object, page: number, sort: string | undefined, defaultSort: string | undefined): LocationQuery {
  const out: LocationQuery = { ...current };
  for (const [key, value] of Object.entries(initial)) {
    if (value !== '') continue;
    const now = (filters as Record<string, unknown>)[key];
    if (now === '' || now === null || now === undefined) delete out[key];
    else out[key] = String(now);
  }
  if (page > 1) out.page = String(page);
  else delete out.page;
  if (sort && sort !== defaultSort) out.sort = sort;
  else delete out.sort;
  return out;
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
  /** every row the current filters and sort match, page by page (at most `limit`), e.g. for an export */
  fetchAll: (limit?: number) => Promise<T[]>;
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
  // URL query ↔ list state (only inside a component rendered by the router)
  const routed = options.syncUrl !== false && getCurrentInstance() !== null;
  const route = routed ? useRoute() : undefined;
  const router = routed ? useRouter() : undefined;
  if (route && router) {
    Object.assign(filters, filtersFromQuery(options.filters(), route.query, options.numericFilters));
    const p = Number(route.query.page);
    if (Number.isInteger(p) && p > 1) page.value = p;
    if (typeof route.query.sort === 'string' && /^\w+:(asc|desc)$/.test(route.query.sort)) sort.value = route.query.sort;
  }
  function writeUrl(): void {
    if (!route || !router) return;
    const query = queryFromState(route.query, options.filters(), filters, page.value, sort.value, options.sort);
    if (JSON.stringify(query) !== JSON.stringify(route.query)) void router.replace({ query }).catch(() => undefined);
  }
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
      writeUrl();
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

  async function fetchAll(limit = 10_000): Promise<T[]> {
    const out: T[] = [];
    for (let p = 1; out.length < limit; p++) {
      const params = { ...(filters as F), page: p, pageSize: MAX_PAGE_SIZE } as F & PageParams;
      if (sort.value) params.sort = sort.value;
      const result = await fetcher(params);
      out.push(...result.items);
      if (result.items.length < MAX_PAGE_SIZE || out.length >= result.total) break;
    }
    return out.slice(0, limit);
  }

  return { items, total, page, pageSize, sort, filters, loading, error, loaded, load, search, reset, onSortChange, onPageChange, onPageSizeChange, fetchAll };
}
