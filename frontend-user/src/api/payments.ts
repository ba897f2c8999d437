import type { CreatedPaymentOrderDto, Paged, PaymentOrderDto, PaymentQuoteDto, PaymentsConfigDto } from '@zhice/shared';
import { http } from './http';

/** Whether online payment is open (and whether the dev simulator runs). */
export async function getPaymentsConfig(): Promise<PaymentsConfigDto> {
  return (await http.get<PaymentsConfigDto>('/payments/config')).data;
}

/** Price, term and the new expiry if I bought this level now. */
export async function getQuote(level: number): Promise<PaymentQuoteDto> {
  return (await http.get<PaymentQuoteDto>('/payments/quote', { params: { level } })).data;
}

/** POST /payments/wechat/orders: a Native QR order (the same pending one again on a re-click). */
export async function createOrder(level: number): Promise<CreatedPaymentOrderDto> {
  return (await http.post<CreatedPaymentOrderDto>('/payments/wechat/orders', { level, riskAck: true })).data;
}

export async function getOrder(outTradeNo: string): Promise<PaymentOrderDto> {
  return (await http.get<PaymentOrderDto>(`/payments/orders/${encodeURIComponent(outTradeNo)}`)).data;
}

export async function listMyOrders(query: { page: number; pageSize: number }): Promise<Paged<PaymentOrderDto>> {
  return (await http.get<Paged<PaymentOrderDto>>('/me/orders', { params: query })).data;
}

/** DEV SIMULATOR ONLY: pretend the QR was scanned and paid. */
export async function simulatePay(outTradeNo: string): Promise<void> {
  await http.post(`/payments/simulator/orders/${encodeURIComponent(outTradeNo)}/pay`);
}
