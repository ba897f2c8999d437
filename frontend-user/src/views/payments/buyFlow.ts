import type { PaymentOrderStatus } from '@zhice/shared';

export type BuyStep = 'confirm' | 'qr' | 'success' | 'closed';

/** mm:ss left until `expiresAt` (never negative). */
export function countdown(expiresAt: string, now: number): string {
  const left = Math.max(0, Math.floor((Date.parse(expiresAt) - now) / 1000));
  const m = Math.floor(left / 60);
  const s = left % 60;
  return `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** Where a polled order status takes the dialog. */
export function stepForStatus(status: PaymentOrderStatus, current: BuyStep): BuyStep {
  if (status === 'paid' || status === 'refunded') return 'success';
  if (status === 'closed' || status === 'failed') return 'closed';
  return current;
}
