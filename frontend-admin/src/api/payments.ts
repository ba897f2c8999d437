import type { AdminPaymentOrderDetailDto, AdminPaymentOrderDto, ApiErrorBody, Paged, PaymentOrderStatus, PaymentRefundDto, RevenueDayDto } from '@zhice/shared';
import { ApiError, cleanParams } from './errors';
import { http } from './http';

export interface PaymentOrderQuery {
  status?: PaymentOrderStatus | '';
  userId?: string;
  from?: string;
  to?: string;
  flagged?: 'true' | '';
  page: number;
  pageSize: number;
  sort?: string;
}

export const PAYMENT_STATUSES: PaymentOrderStatus[] = ['pending', 'paid', 'closed', 'refunded', 'failed'];

export async function listPaymentOrders(q: PaymentOrderQuery): Promise<Paged<AdminPaymentOrderDto>> {
  return (await http.get<Paged<AdminPaymentOrderDto>>('/admin/payments/orders', { params: cleanParams({ ...q }) })).data;
}

export async function getPaymentOrder(outTradeNo: string): Promise<AdminPaymentOrderDetailDto> {
  return (await http.get<AdminPaymentOrderDetailDto>(`/admin/payments/orders/${encodeURIComponent(outTradeNo)}`)).data;
}

/** Query WeChat Pay now and reconcile (audited). */
export async function syncPaymentOrder(outTradeNo: string): Promise<AdminPaymentOrderDetailDto> {
  return (await http.post<AdminPaymentOrderDetailDto>(`/admin/payments/orders/${encodeURIComponent(outTradeNo)}/sync`, {})).data;
}

export async function refundPaymentOrder(outTradeNo: string, body: { amountFen: number; reason: string }): Promise<PaymentRefundDto> {
  return (await http.post<PaymentRefundDto>(`/admin/payments/orders/${encodeURIComponent(outTradeNo)}/refunds`, body)).data;
}

export async function getRevenue(days = 30): Promise<RevenueDayDto[]> {
  return (await http.get<RevenueDayDto[]>('/admin/payments/revenue', { params: { days } })).data;
}

export async function exportPaymentOrders(q: Omit<PaymentOrderQuery, 'page' | 'pageSize'>): Promise<{ blob: Blob; filename: string }> {
  let res;
  try {
    res = await http.get<Blob>('/admin/payments/orders/export', { params: cleanParams({ ...q }), responseType: 'blob', timeout: 5 * 60_000 });
  } catch (e) {
    if (e instanceof ApiError && e.details instanceof Blob) {
      const body = JSON.parse(await e.details.text().catch(() => '{}')) as Partial<ApiErrorBody>;
      if (typeof body.code === 'string') throw new ApiError(e.statusCode, body.code, body.message ?? e.message, body.details);
    }
    throw e;
  }
  const filename = /filename="([^"]+)"/.exec(String(res.headers['content-disposition'] ?? ''))?.[1] ?? 'payment-orders.xlsx';
  return { blob: res.data, filename };
}
