import { ApiProperty } from '@nestjs/swagger';
import type { MySubscriptionDto, SubscriptionDto, VipGrantDto, VipGrantKind, VipGrantSource, VipLevelAdmin, VipLevelPublic, VipLevelUpdateResult } from '@zhice/shared';

/** Response shapes of the VIP routes (OpenAPI), implementing the `@zhice/shared` types. */

export class VipLevelPublicResponseDto implements VipLevelPublic {
  @ApiProperty({ example: 2 }) level: number;
  @ApiProperty({ example: 'VIP2' }) name: string;
  @ApiProperty({ type: Number, nullable: true, example: 20, description: 'null = unlimited' }) stockQuota: number | null;
  @ApiProperty({ example: 29900, description: 'price of the 3-month term, fen' }) priceFen: number;
  @ApiProperty({ example: true }) enabled: boolean;
  @ApiProperty({ example: '20 只股票的每日信号' }) description: string;
  @ApiProperty({ example: 'VIP 2', description: "'' when none is set" }) nameEn: string;
  @ApiProperty({ example: 'Daily signals for 20 stocks' }) descriptionEn: string;
}

export class VipLevelAdminResponseDto extends VipLevelPublicResponseDto implements VipLevelAdmin {
  @ApiProperty({ example: 'cho' }) strategyId: string;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'the strategy still served while a new one is computed' }) servedStrategyId: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-03-02T10:00:00.000Z' }) updatedAt: string;
}

export class VipLevelUpdateResponseDto extends VipLevelAdminResponseDto implements VipLevelUpdateResult {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null, description: 'members brought to a changed quota' }) reallocationJobId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null, description: 'a newly chosen strategy’s signals' }) strategyJobId: string | null;
}

export class VipGrantResponseDto implements VipGrantDto {
  @ApiProperty({ example: '58' }) id: string;
  @ApiProperty({ format: 'uuid', example: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f' }) userId: string;
  @ApiProperty({ enum: ['admin', 'payment', 'card_key', 'payment_refund'], example: 'admin' }) source: VipGrantSource;
  @ApiProperty({ type: String, nullable: true, example: null }) reference: string | null;
  @ApiProperty({ example: 2 }) level: number;
  @ApiProperty({ example: 3 }) months: number;
  @ApiProperty({ enum: ['new', 'extend', 'upgrade', 'revert'], example: 'new' }) kind: VipGrantKind;
  @ApiProperty({ example: 0 }) levelBefore: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) expiresBefore: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-06-02T10:00:00.000Z' }) expiresAfter: string;
  @ApiProperty({ example: 0 }) convertedSeconds: number;
  @ApiProperty({ example: '活动赠送' }) reason: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null }) operatorId: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-03-02T10:00:00.000Z' }) createdAt: string;
}

export class VipGrantPageDto {
  @ApiProperty({ type: [VipGrantResponseDto] }) items: VipGrantResponseDto[];
  @ApiProperty({ example: 1 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) pageSize: number;
}

export class MySubscriptionResponseDto implements MySubscriptionDto {
  @ApiProperty({ example: 2 }) level: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-03-02T10:00:00.000Z' }) startsAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-06-02T10:00:00.000Z' }) expiresAt: string | null;
  @ApiProperty({ example: 2 }) effectiveLevel: number;
  @ApiProperty({ example: true }) active: boolean;
  @ApiProperty({ example: false, description: 'never had a paid level' }) free: boolean;
}

export class SubscriptionResponseDto implements SubscriptionDto {
  @ApiProperty({ example: 2 }) level: number;
  @ApiProperty({ format: 'date-time', example: '2026-03-02T10:00:00.000Z' }) startsAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-06-02T10:00:00.000Z' }) expiresAt: string;
  @ApiProperty({ example: 2, description: 'level while expiresAt > now, else 0' }) effectiveLevel: number;
  @ApiProperty({ example: true }) active: boolean;
}
