/**
 * Emitted after the commit in which an order became paid and VIP was granted for it (`fulfil`) —
 * once per order: replays and racing paths find it paid and emit nothing. The receipt listens.
 */
export const PAYMENT_ORDER_PAID = 'payments.order-paid';
export interface PaymentOrderPaidEvent {
  outTradeNo: string;
  userId: string;
  /** the member's VIP expiry after this payment's grant (ISO) */
  expiresAt: string;
}
