import type { PaymentOrderDto } from '@zhice/shared';
import { fenToYuan } from '@zhice/shared';

/** The sentence that explains an order's state to the member (message key + params). */
export function explainOrder(o: Pick<PaymentOrderDto, 'status' | 'refundedFen'>): { key: string; params: Record<string, string> } {
  if (o.status === 'refunded') return { key: 'orders.explainRefunded', params: { amount: fenToYuan(o.refundedFen) } };
  if (o.status === 'paid' && o.refundedFen > 0) return { key: 'orders.explainPartial', params: { amount: fenToYuan(o.refundedFen) } };
  if (o.status === 'closed') return { key: 'orders.explainClosed', params: {} };
  if (o.status === 'pending') return { key: 'orders.explainPending', params: {} };
  if (o.status === 'failed') return { key: 'orders.explainFailed', params: {} };
  return { key: '', params: {} };
}

export const STATUS_TAG: Record<PaymentOrderDto['status'], 'success' | 'info' | 'warning' | 'danger'> = {
  paid: 'success',
  pending: 'warning',
  closed: 'info',
  refunded: 'danger',
  failed: 'info',
};
