/** Payments (WeChat Pay Native QR) — request/response shapes shared by the API and both SPAs. */
export type PaymentOrderStatus = 'pending' | 'paid' | 'closed' | 'refunded' | 'failed';
export type PaymentRefundStatus = 'submitting' | 'processing' | 'success' | 'closed' | 'abnormal';

/** GET /payments/config: whether online payment is open, and whether the dev simulator runs. */
export interface PaymentsConfigDto {
  enabled: boolean;
  simulator: boolean;
  orderTtlMinutes: number;
}

export interface CreatePaymentOrderRequest {
  level: number;
  /** The member confirms the risk disclosure in the confirm dialog (required if never stored). */
  riskAck?: boolean;
}

/** 201 of POST /payments/wechat/orders. */
export interface CreatedPaymentOrderDto {
  outTradeNo: string;
  codeUrl: string;
  amountFen: number;
  level: number;
  months: number;
  status: PaymentOrderStatus;
  expiresAt: string;
}

/** GET /payments/orders/:outTradeNo and the rows of GET /me/orders. */
export interface PaymentOrderDto {
  outTradeNo: string;
  status: PaymentOrderStatus;
  amountFen: number;
  level: number;
  months: number;
  createdAt: string;
  paidAt: string | null;
  expiresAt: string;
  closedAt: string | null;
  refundedFen: number;
  transactionId: string | null;
  /** The member's VIP expiry after this order's grant (success view, receipts). */
  vipExpiresAfter: string | null;
}

/** GET /payments/quote?level= : what buying would cost and do now. */
export interface PaymentQuoteDto {
  level: number;
  months: number;
  amountFen: number;
  kind: 'new' | 'extend' | 'upgrade' | null;
  expiresAfter: string | null;
  convertedDays: number;
  refusal: string | null;
  riskAckRequired: boolean;
}

export interface AdminPaymentOrderDto extends PaymentOrderDto {
  userId: string;
  username: string | null;
  reviewFlag: string | null;
  reviewNote: string | null;
  queryAttempts: number;
  nextQueryAt: string | null;
}

export interface PaymentEventDto {
  id: string;
  kind: string;
  at: string;
  eventId: string | null;
  eventType: string | null;
  verified: boolean | null;
  outcome: string;
  detail: Record<string, unknown> | null;
}

export interface PaymentRefundDto {
  outRefundNo: string;
  outTradeNo: string;
  status: PaymentRefundStatus;
  amountFen: number;
  reason: string;
  createdAt: string;
  successAt: string | null;
}

export interface AdminPaymentOrderDetailDto extends AdminPaymentOrderDto {
  events: PaymentEventDto[];
  refunds: PaymentRefundDto[];
}

export interface CreateRefundRequest {
  amountFen: number;
  reason: string;
}

export interface RevenueDayDto {
  day: string;
  paidFen: number;
  refundedFen: number;
  orders: number;
}
