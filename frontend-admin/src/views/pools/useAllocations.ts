import { ref, shallowRef } from 'vue';
import type { AllocationDto, StockPoolDto } from '@zhice/shared';
import { exportAllocations, listAllocations, listPools, type AllocationFilters } from '@/api/pools';
import { usePagedTable } from '@/composables/usePagedTable';
import { showError } from '@/utils/notify';
import { saveBlob } from '@/utils/csv';

export interface AllocationFilterForm {
  poolId: string;
  userId: string;
  vipLevel: number | '';
  active: 'true' | 'false' | '';
  tsCode: string;
}

/** Form values → API filters (empty ones dropped, the state select → boolean). */
export function toApiFilters(f: AllocationFilterForm): AllocationFilters {
  return {
    poolId: f.poolId || undefined,
    userId: f.userId.trim() || undefined,
    vipLevel: f.vipLevel,
    active: f.active === '' ? '' : f.active === 'true',
    tsCode: f.tsCode.trim().toUpperCase() || undefined,
  };
}

/** Allocation search (server-side filters and paging) with export of the same filters. */
export function useAllocations(initial: Partial<AllocationFilterForm> = {}) {
  const table = usePagedTable<AllocationDto, AllocationFilterForm>(
    ({ page, pageSize, ...f }) => listAllocations({ ...toApiFilters(f as AllocationFilterForm), page, pageSize }),
    { filters: () => ({ poolId: '', userId: '', vipLevel: '', active: '', tsCode: '', ...initial }), pageSize: 20, numericFilters: ['vipLevel'] },
  );
  const pools = shallowRef<StockPoolDto[]>([]);
  const exporting = ref<'json' | 'xlsx' | null>(null);

  async function loadPools(): Promise<void> {
    try {
      pools.value = (await listPools({ page: 1, pageSize: 100 })).items;
    } catch (e) {
      showError(e);
    }
  }

  async function doExport(format: 'json' | 'xlsx'): Promise<string | null> {
    if (exporting.value) return null;
    exporting.value = format;
    try {
      const { blob, filename } = await exportAllocations(toApiFilters(table.filters as AllocationFilterForm), format);
      saveBlob(blob, filename);
      return filename;
    } catch (e) {
      showError(e);
      return null;
    } finally {
      exporting.value = null;
    }
  }

  return { table, pools, exporting, loadPools, doExport };
}
