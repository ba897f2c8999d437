import type { StockPoolDto, StockPoolStatus } from '@zhice/shared';
import { activatePool, deletePool, listPools } from '@/api/pools';
import { usePagedTable } from '@/composables/usePagedTable';

export interface PoolFilters {
  q: string;
  status: StockPoolStatus | '';
}

/** Pools list: name search, status filter, paging (active first, then drafts, then history). */
export function usePools() {
  const table = usePagedTable<StockPoolDto, PoolFilters>((p) => listPools({ ...p, q: p.q.trim() }), {
    filters: () => ({ q: '', status: '' }),
    pageSize: 20,
  });
  return { table, activate: activatePool, remove: deletePool };
}

export const STATUS_TAG: Record<StockPoolStatus, 'success' | 'info' | 'warning'> = { active: 'success', draft: 'warning', archived: 'info' };
