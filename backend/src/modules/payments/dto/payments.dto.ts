import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  AdminPaymentOrderDetailDto,
  AdminPaymentOrderDto,
  CreatedPaymentOrderDto,
  CreatePaymentOrderRequest,
  CreateRefundRequest,
  PaymentEventDto,
  PaymentOrderDto,
  PaymentOrderStatus,
  PaymentQuoteDto,
  PaymentRefundDto,
  PaymentRefundStatus,
  PaymentsConfigDto,
  RevenueDayDto,
} from '@zhice/shared';
import { Type } from 'class-transformer';
import { Equals, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { SortedPageQuery } from '../../../common/list-query.js';
import { PageQueryDto } from '../../../common/pagination.js';
import { PAYMENT_ORDER_SORT } from '../domain/list-sorts.js';

const STATUSES: PaymentOrderStatus[] = ['pending', 'paid', 'closed', 'refunded', 'failed'];
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;

export class CreateOrderDto implements CreatePaymentOrderRequest {
  @ApiProperty({ example: 1, minimum: 1, maximum: 4, description: 'VIP level to buy (one 3-month term; the price comes from the level table)' })
  @IsInt()
  @Min(1)
  @Max(4)
  level: number;

  @ApiPropertyOptional({ example: true, description: 'The member accepted the risk disclosure in the confirm dialog' })
  @IsOptional()
  @Equals(true, { message: 'riskAck must be true when given' })
  riskAck?: boolean;
}

export class QuoteQueryDto {
  @ApiProperty({ example: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(4)
  level: number;
}

export class CreateRefundDto implements CreateRefundRequest {
  @ApiProperty({ example: 29900, description: 'fen, at most what is still refundable' })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  amountFen: number;

  @ApiProperty({ example: '会员申请退款', maxLength: 80 })
  @IsString()
  @Length(1, 80)
  @Matches(NO_CONTROL, { message: 'reason must not contain control characters' })
  reason: string;
}

export class OutTradeNoParam {
  @ApiProperty({ example: 'ZC20260302ABCDEFGHJKLMNPQRSTUV' })
  @Matches(/^[0-9A-Za-z_\-|*]{6,32}$/)
  outTradeNo: string;
}

export class AdminOrdersQueryDto extends SortedPageQuery(PAYMENT_ORDER_SORT) {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: PaymentOrderStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ example: '2026-03-01T00:00:00+08:00' })
  @IsOptional()
  @IsISO8601()
  from?: string;

  @ApiPropertyOptional({ example: '2026-04-01T00:00:00+08:00' })
  @IsOptional()
  @IsISO8601()
  to?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'only orders flagged for review' })
  @IsOptional()
  @IsIn(['true', 'false'])
  flagged?: 'true' | 'false';

}

export class RevenueQueryDto {
  @ApiPropertyOptional({ example: 30, minimum: 1, maximum: 366 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(366)
  days: number = 30;
}

// ---- responses (OpenAPI) ----

export class PaymentsConfigResponse implements PaymentsConfigDto {
  @ApiProperty({ example: true }) enabled: boolean;
  @ApiProperty({ example: false }) simulator: boolean;
  @ApiProperty({ example: 120 }) orderTtlMinutes: number;
}

export class CreatedOrderResponse implements CreatedPaymentOrderDto {
  @ApiProperty({ example: 'ZC20260302ABCDEFGHJKLMNPQRSTUV' }) outTradeNo: string;
  @ApiProperty({ example: 'weixin://wxpay/bizpayurl?pr=AbC12dE' }) codeUrl: string;
  @ApiProperty({ example: 29900 }) amountFen: number;
  @ApiProperty({ example: 1 }) level: number;
  @ApiProperty({ example: 3 }) months: number;
  @ApiProperty({ example: 'pending', enum: STATUSES }) status: PaymentOrderStatus;
  @ApiProperty({ example: '2026-03-02T12:00:00.000Z' }) expiresAt: string;
}

export class PaymentOrderResponse implements PaymentOrderDto {
  @ApiProperty({ example: 'ZC20260302ABCDEFGHJKLMNPQRSTUV' }) outTradeNo: string;
  @ApiProperty({ example: 'paid', enum: STATUSES }) status: PaymentOrderStatus;
  @ApiProperty({ example: 29900 }) amountFen: number;
  @ApiProperty({ example: 1 }) level: number;
  @ApiProperty({ example: 3 }) months: number;
  @ApiProperty({ example: '2026-03-02T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ example: '2026-03-02T10:01:00.000Z', nullable: true, type: String }) paidAt: string | null;
  @ApiProperty({ example: '2026-03-02T12:00:00.000Z' }) expiresAt: string;
  @ApiProperty({ example: null, nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({ example: 0 }) refundedFen: number;
  @ApiProperty({ example: '4200001863202305068344507881', nullable: true, type: String }) transactionId: string | null;
  @ApiProperty({ example: '2026-06-02T10:01:00.000Z', nullable: true, type: String }) vipExpiresAfter: string | null;
}

export class PagedPaymentOrdersResponse {
  @ApiProperty({ type: [PaymentOrderResponse] }) items: PaymentOrderResponse[];
  @ApiProperty({ example: 1 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) pageSize: number;
}

export class QuoteResponse implements PaymentQuoteDto {
  @ApiProperty({ example: 1 }) level: number;
  @ApiProperty({ example: 3 }) months: number;
  @ApiProperty({ example: 29900 }) amountFen: number;
  @ApiProperty({ example: 'new', nullable: true, enum: ['new', 'extend', 'upgrade'] }) kind: 'new' | 'extend' | 'upgrade' | null;
  @ApiProperty({ example: '2026-06-02T02:00:00.000Z', nullable: true, type: String }) expiresAfter: string | null;
  @ApiProperty({ example: 0 }) convertedDays: number;
  @ApiProperty({ example: null, nullable: true, type: String }) refusal: string | null;
  @ApiProperty({ example: false }) riskAckRequired: boolean;
}

export class AdminPaymentOrderResponse extends PaymentOrderResponse implements AdminPaymentOrderDto {
  @ApiProperty({ example: '7b0c…', format: 'uuid' }) userId: string;
  @ApiProperty({ example: 'member1', nullable: true, type: String }) username: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) reviewFlag: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) reviewNote: string | null;
  @ApiProperty({ example: 0 }) queryAttempts: number;
  @ApiProperty({ example: null, nullable: true, type: String }) nextQueryAt: string | null;
}

export class PagedAdminPaymentOrdersResponse {
  @ApiProperty({ type: [AdminPaymentOrderResponse] }) items: AdminPaymentOrderResponse[];
  @ApiProperty({ example: 1 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) pageSize: number;
}

export class PaymentEventResponse implements PaymentEventDto {
  @ApiProperty({ example: '12' }) id: string;
  @ApiProperty({ example: 'notify' }) kind: string;
  @ApiProperty({ example: '2026-03-02T10:01:00.000Z' }) at: string;
  @ApiProperty({ example: '7f8fcdb2-573a-547a-901e-4c34f9761293', nullable: true, type: String }) eventId: string | null;
  @ApiProperty({ example: 'TRANSACTION.SUCCESS', nullable: true, type: String }) eventType: string | null;
  @ApiProperty({ example: true, nullable: true, type: Boolean }) verified: boolean | null;
  @ApiProperty({ example: 'SUCCESS' }) outcome: string;
  @ApiProperty({ example: { tradeState: 'SUCCESS' }, nullable: true, type: Object }) detail: Record<string, unknown> | null;
}

export class PaymentRefundResponse implements PaymentRefundDto {
  @ApiProperty({ example: 'ZC20260302ABCDEFGHJKLMNPQRSTUVR1' }) outRefundNo: string;
  @ApiProperty({ example: 'ZC20260302ABCDEFGHJKLMNPQRSTUV' }) outTradeNo: string;
  @ApiProperty({ example: 'processing', enum: ['submitting', 'processing', 'success', 'closed', 'abnormal'] }) status: PaymentRefundStatus;
  @ApiProperty({ example: 29900 }) amountFen: number;
  @ApiProperty({ example: '会员申请退款' }) reason: string;
  @ApiProperty({ example: '2026-03-03T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ example: null, nullable: true, type: String }) successAt: string | null;
}

export class AdminPaymentOrderDetailResponse extends AdminPaymentOrderResponse implements AdminPaymentOrderDetailDto {
  @ApiProperty({ type: [PaymentEventResponse] }) events: PaymentEventResponse[];
  @ApiProperty({ type: [PaymentRefundResponse] }) refunds: PaymentRefundResponse[];
}

export class RevenueDayResponse implements RevenueDayDto {
  @ApiProperty({ example: '2026-03-02' }) day: string;
  @ApiProperty({ example: 29900 }) paidFen: number;
  @ApiProperty({ example: 0 }) refundedFen: number;
  @ApiProperty({ example: 1 }) orders: number;
}

export class SimulatedPayResponse {
  @ApiProperty({ example: true }) accepted: true;
}

export class SweepResponse {
  @ApiProperty({ example: 0 }) flagged: number;
}
