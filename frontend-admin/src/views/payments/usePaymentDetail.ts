import { ref } from 'vue';
import type { AdminPaymentOrderDetailDto } from '@zhice/shared';
import { getPaymentOrder, refundPaymentOrder, syncPaymentOrder } from '@/api/payments';
import { showError, showSuccess } from '@/utils/notify';

/** One order's drawer: load, "sync now", refund. */
export function usePaymentDetail(onChanged: () => void) {
  const open = ref(false);
  const loading = ref(false);
  const syncing = ref(false);
  const order = ref<AdminPaymentOrderDetailDto | null>(null);

  async function show(outTradeNo: string) {
    open.value = true;
    loading.value = true;
    order.value = null;
    try {
      order.value = await getPaymentOrder(outTradeNo);
    } catch (e) {
      showError(e);
    } finally {
      loading.value = false;
    }
  }

  async function sync(successText: string) {
    if (!order.value) return;
    syncing.value = true;
    try {
      order.value = await syncPaymentOrder(order.value.outTradeNo);
      showSuccess(successText);
      onChanged();
    } catch (e) {
      showError(e);
    } finally {
      syncing.value = false;
    }
  }

  async function refund(amountFen: number, reason: string, doneText: string): Promise<boolean> {
    if (!order.value) return false;
    try {
      await refundPaymentOrder(order.value.outTradeNo, { amountFen, reason });
      showSuccess(doneText);
      order.value = await getPaymentOrder(order.value.outTradeNo);
      onChanged();
      return true;
    } catch (e) {
      showError(e);
      return false;
    }
  }

  return { open, loading, syncing, order, show, sync, refund };
}

/** What is still refundable (fen): paid minus refunds that hold money. */
export function refundableFen(o: Pick<AdminPaymentOrderDetailDto, 'amountFen' | 'refunds' | 'status'>): number {
  if (o.status !== 'paid' && o.status !== 'refunded') return 0;
  const held = o.refunds.filter((r) => r.status !== 'closed').reduce((s, r) => s + r.amountFen, 0);
  return Math.max(0, o.amountFen - held);
}

/** Yuan text (e.g. "12.34") → integer fen, or null when it is not a positive amount with ≤ 2 decimals. */
export function yuanToFen(text: string): number | null {
  const m = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return fen > 0 ? fen : null;
}
