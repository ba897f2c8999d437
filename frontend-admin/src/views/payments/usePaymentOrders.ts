import type { AdminPaymentOrderDto, PaymentOrderStatus } from '@zhice/shared';
import { exportPaymentOrders, listPaymentOrders } from '@/api/payments';
import { usePagedTable } from '@/composables/usePagedTable';
import { shanghaiDayRange } from '@/utils/format';
import { showError } from '@/utils/notify';
import { saveBlob } from '@/utils/csv';

export interface PaymentOrderFilters {
  status: PaymentOrderStatus | '';
  userId: string;
  /** [from, to] as `YYYY-MM-DD` Beijing dates, or null */
  range: [string, string] | null;
  flagged: boolean;
}

function toQuery(f: PaymentOrderFilters) {
  const dates = f.range ? shanghaiDayRange(f.range[0], f.range[1]) : undefined;
  const userId = f.userId.trim();
  return { status: f.status, userId: /^[0-9a-f-]{36}$/i.test(userId) ? userId : undefined, from: dates?.from, to: dates?.to, flagged: f.flagged ? ('true' as const) : ('' as const) };
}

/** Payment orders list: filters by status, user, Beijing date range and review flag; server-side paging and sorting. */
export function usePaymentOrders(initial: Partial<PaymentOrderFilters> = {}) {
  const table = usePagedTable<AdminPaymentOrderDto, PaymentOrderFilters>(
    ({ page, pageSize, sort, ...f }) => listPaymentOrders({ ...toQuery(f), page, pageSize, sort }),
    { filters: () => ({ status: '', userId: '', range: null, flagged: false, ...initial }), pageSize: 20, sort: 'createdAt:desc' },
  );
  async function exportXlsx() {
    try {
      const { blob, filename } = await exportPaymentOrders({ ...toQuery(table.filters as PaymentOrderFilters), sort: table.sort.value });
      saveBlob(blob, filename);
    } catch (e) {
      showError(e);
    }
  }
  return { table, exportXlsx };
}
