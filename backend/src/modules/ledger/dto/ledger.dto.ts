import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  LedgerBalanceDto,
  LedgerCheckDto,
  LedgerSettingsDto,
  LedgerTransferDto,
  LedgerTransferResultDto,
  StatementDto,
  StatementItemDto,
  WithdrawalDto,
} from '@zhice/shared';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';

/** Optional in a body: may be left out, but null is refused (unlike @IsOptional). */
const Omittable = () => ValidateIf((_: unknown, v: unknown) => v !== undefined);
import { SortedPageQuery } from '../../../common/list-query.js';
import { PageOf, PageQueryDto } from '../../../common/pagination.js';
import { TRANSFER_SORT, WITHDRAWAL_SORT } from '../domain/list-sorts.js';

const MAX_FEN = Number.MAX_SAFE_INTEGER;
/** Printable text without NUL and other control characters. */
const TEXT = /^[^\u0000-\u001f\u007f]*$/;
/** idempotency keys: 8–64 visible ASCII characters */
const KEY = /^[\x21-\x7e]{8,64}$/;

export class RechargeDto {
  @ApiProperty({ example: '6f1c3c7e-0c55-4c5e-9a63-1f5a7f0b2d11' })
  @IsUUID()
  agentId: string;

  @ApiProperty({ example: 100000, description: 'fen, integer 1 … 2^53−1' })
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  amountFen: number;

  @ApiProperty({ example: '首批额度' })
  @IsString()
  @Length(1, 200)
  @Matches(TEXT)
  reason: string;

  @ApiProperty({ example: 'dlg-2f7c1a9e4b' })
  @IsString()
  @Matches(KEY, { message: 'idempotencyKey must be 8–64 visible ASCII characters' })
  idempotencyKey: string;
}

export class TransferDto {
  @ApiProperty({ example: 'agent_sub' })
  @IsString()
  @Matches(/^[A-Za-z0-9_]{3,32}$/)
  toUsername: string;

  @ApiProperty({ example: 5000 })
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  amountFen: number;

  @ApiProperty({ example: 'dlg-2f7c1a9e4b' })
  @IsString()
  @Matches(KEY, { message: 'idempotencyKey must be 8–64 visible ASCII characters' })
  idempotencyKey: string;

  @ApiPropertyOptional({ example: '三月额度' })
  @Omittable()
  @IsString()
  @MaxLength(200)
  @Matches(TEXT)
  note?: string;
}

export class WithdrawDto {
  @ApiProperty({ example: 20000 })
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  amountFen: number;

  @ApiProperty({ example: '招商银行 6222 0212 3456 7890 123 张三', description: 'payout account; stored encrypted, shown masked' })
  @IsString()
  @Length(4, 200)
  @Matches(TEXT)
  account: string;

  @ApiProperty({ example: 'dlg-2f7c1a9e4b' })
  @IsString()
  @Matches(KEY, { message: 'idempotencyKey must be 8–64 visible ASCII characters' })
  idempotencyKey: string;
}

export class RejectDto {
  @ApiProperty({ example: '账户信息有误' })
  @IsString()
  @Length(1, 200)
  @Matches(TEXT)
  reason: string;
}

export class DecideHeldDto {
  @ApiPropertyOptional({ example: '核实无误' })
  @Omittable()
  @IsString()
  @MaxLength(200)
  @Matches(TEXT)
  reason?: string;
}

export class ReverseDto {
  @ApiProperty({ example: '误充值冲正' })
  @IsString()
  @Length(1, 200)
  @Matches(TEXT)
  reason: string;
}

export class UpdateLedgerSettingsDto implements Partial<LedgerSettingsDto> {
  @ApiPropertyOptional({ example: 100 }) @Omittable() @IsInt() @Min(1) @Max(MAX_FEN) minTransferFen?: number;
  @ApiPropertyOptional({ example: 1000 }) @Omittable() @IsInt() @Min(1) @Max(MAX_FEN) minWithdrawalFen?: number;
  @ApiPropertyOptional({ example: 5000000, description: '0 = off' }) @Omittable() @IsInt() @Min(0) @Max(MAX_FEN) riskHoldAmountFen?: number;
  @ApiPropertyOptional({ example: 20, description: '0 = off' }) @Omittable() @IsInt() @Min(0) @Max(100000) riskHoldPerHour?: number;
}

export class ListTransfersQueryDto extends SortedPageQuery(TRANSFER_SORT) {
  @ApiPropertyOptional({ description: 'only movements of this agent (must be in scope)' })
  @IsOptional()
  @IsUUID()
  agentId?: string;

  @ApiPropertyOptional({ enum: ['system', 'card_sales', 'withdrawals_payable'], description: 'admin: only movements of this platform account' })
  @IsOptional()
  @IsIn(['system', 'card_sales', 'withdrawals_payable'])
  account?: 'system' | 'card_sales' | 'withdrawals_payable';

  @ApiPropertyOptional({ example: 'recharge' })
  @IsOptional()
  @Matches(/^[a-z_]{1,24}$/)
  type?: string;

  @ApiPropertyOptional({ enum: ['pending', 'posted', 'voided'] })
  @IsOptional()
  @IsIn(['pending', 'posted', 'voided'])
  status?: 'pending' | 'posted' | 'voided';

  @ApiPropertyOptional({ enum: ['review'], description: 'only transfers a risk rule holds' })
  @IsOptional()
  @IsIn(['review'])
  hold?: 'review';

  @ApiPropertyOptional({ example: '2026-03-01T00:00:00+08:00' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ example: '2026-04-01T00:00:00+08:00' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
}

export class ListWithdrawalsQueryDto extends SortedPageQuery(WITHDRAWAL_SORT) {
  @ApiPropertyOptional({ enum: ['pending', 'approved', 'rejected'] })
  @IsOptional()
  @IsIn(['pending', 'approved', 'rejected'])
  status?: 'pending' | 'approved' | 'rejected';

  @ApiPropertyOptional() @IsOptional() @IsUUID() agentId?: string;
}

export class StatementQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'agent (default: the caller); must be in scope' }) @IsOptional() @IsUUID() agentId?: string;
  @ApiPropertyOptional({ example: '2026-03-01T00:00:00+08:00', description: 'inclusive; default: 30 days ago' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ example: '2026-04-01T00:00:00+08:00', description: 'exclusive; default: now' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
}

export class StatsQueryDto {
  @ApiPropertyOptional({ description: 'agent subtree (default: the caller’s; admins: everyone)' }) @IsOptional() @IsUUID() agentId?: string;
  @ApiPropertyOptional({ example: '2026-03-01T00:00:00+08:00' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ example: '2026-04-01T00:00:00+08:00' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
}

export class BalanceResponseDto implements LedgerBalanceDto {
  @ApiProperty({ example: 120000 }) availableFen: number;
  @ApiProperty({ example: 20000 }) frozenFen: number;
}

export class TransferResultResponseDto implements LedgerTransferResultDto {
  @ApiProperty({ example: '0b7d2f7e-5a51-4f0e-8f6f-1f9a7e0c2d33' }) id: string;
  @ApiProperty({ enum: ['posted', 'pending', 'voided'], example: 'posted' }) status: 'posted' | 'pending' | 'voided';
  @ApiProperty({ example: 100000 }) amountFen: number;
  @ApiPropertyOptional({ example: false }) replayed?: boolean;
  @ApiPropertyOptional({ example: false }) held?: boolean;
}

export class DecisionResponseDto {
  @ApiProperty({ example: '0b7d2f7e-5a51-4f0e-8f6f-1f9a7e0c2d33' }) id: string;
  @ApiProperty({ enum: ['approved', 'rejected'], example: 'approved' }) status: 'approved' | 'rejected';
}

export class TransferResponseDto implements LedgerTransferDto {
  @ApiProperty({ example: '0b7d2f7e-5a51-4f0e-8f6f-1f9a7e0c2d33' }) id: string;
  @ApiProperty({ example: 'transfer' }) type: string;
  @ApiProperty({ enum: ['posted', 'pending', 'voided'], example: 'posted' }) status: 'posted' | 'pending' | 'voided';
  @ApiProperty({ example: 5000 }) amountFen: number;
  @ApiProperty({ example: 'agent' }) fromKind: 'system' | 'agent' | 'card_sales' | 'withdrawals_payable';
  @ApiProperty({ nullable: true, type: String, example: null }) fromUserId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'agent_demo' }) fromUsername: string | null;
  @ApiProperty({ example: 'agent' }) toKind: 'system' | 'agent' | 'card_sales' | 'withdrawals_payable';
  @ApiProperty({ nullable: true, type: String, example: null }) toUserId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'agent_sub' }) toUsername: string | null;
  @ApiProperty({ nullable: true, type: String, example: null }) hold: string | null;
  @ApiProperty({ nullable: true, type: String, example: null }) reference: string | null;
  @ApiProperty({ nullable: true, type: String, example: '三月额度' }) note: string | null;
  @ApiProperty({ nullable: true, type: String, example: null }) operatorId: string | null;
  @ApiProperty({ example: '2026-03-02T02:00:00.000Z' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, example: '2026-03-02T02:00:00.000Z' }) resolvedAt: string | null;
}

export class TransferPageDto extends PageOf(TransferResponseDto) {}

export class WithdrawalResponseDto implements WithdrawalDto {
  @ApiProperty({ example: '0b7d2f7e-5a51-4f0e-8f6f-1f9a7e0c2d33' }) id: string;
  @ApiProperty({ example: '6f1c3c7e-0c55-4c5e-9a63-1f5a7f0b2d11' }) agentId: string;
  @ApiProperty({ example: 'agent_sub' }) agentUsername: string;
  @ApiProperty({ example: 20000 }) amountFen: number;
  @ApiProperty({ enum: ['pending', 'approved', 'rejected'], example: 'pending' }) status: 'pending' | 'approved' | 'rejected';
  @ApiProperty({ example: '6222 **** **** 0123' }) accountMasked: string;
  @ApiProperty({ nullable: true, type: String, example: null }) reason: string | null;
  @ApiProperty({ nullable: true, type: String, example: null }) decidedBy: string | null;
  @ApiProperty({ nullable: true, type: String, example: null }) decidedAt: string | null;
  @ApiProperty({ example: '2026-03-02T02:00:00.000Z' }) createdAt: string;
}

export class WithdrawalPageDto extends PageOf(WithdrawalResponseDto) {}

export class StatementItemResponseDto implements StatementItemDto {
  @ApiProperty({ example: '42' }) entryId: string;
  @ApiProperty({ example: '0b7d2f7e-5a51-4f0e-8f6f-1f9a7e0c2d33' }) transferId: string;
  @ApiProperty({ example: '2026-03-02T02:00:00.000Z' }) at: string;
  @ApiProperty({ example: 'recharge' }) type: string;
  @ApiProperty({ example: 100000 }) amountFen: number;
  @ApiProperty({ example: 100000 }) balanceFen: number;
  @ApiProperty({ nullable: true, type: String, example: 'system' }) counterparty: string | null;
  @ApiProperty({ nullable: true, type: String, example: null }) note: string | null;
}

export class StatementResponseDto implements StatementDto {
  @ApiProperty({ example: 0 }) openingFen: number;
  @ApiProperty({ example: 100000 }) closingFen: number;
  @ApiProperty({ type: [StatementItemResponseDto] }) items: StatementItemResponseDto[];
  @ApiProperty({ example: 1 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) pageSize: number;
}

export class SettingsResponseDto implements LedgerSettingsDto {
  @ApiProperty({ example: 100 }) minTransferFen: number;
  @ApiProperty({ example: 1000 }) minWithdrawalFen: number;
  @ApiProperty({ example: 5000000 }) riskHoldAmountFen: number;
  @ApiProperty({ example: 20 }) riskHoldPerHour: number;
}

export class CheckResponseDto implements LedgerCheckDto {
  @ApiProperty({ example: true }) ok: boolean;
  @ApiProperty({ example: 0 }) sumFen: number;
  @ApiProperty({ example: 0 }) negativeAccounts: number;
  @ApiProperty({ example: 0 }) unresolvedPending: number;
  @ApiProperty({ example: '2026-03-02T02:00:00.000Z' }) checkedAt: string;
  @ApiProperty({ example: 0 }) frozenMismatches: number;
  @ApiProperty({ example: 0 }) balanceMismatches: number;
  @ApiProperty({ example: 0 }) badTransfers: number;
}

export class StatsResponseDto {
  @ApiProperty({ example: [{ day: '2026-03-02', type: 'recharge', inFen: 100000, outFen: 0, count: 1 }] }) days: Array<{ day: string; type: string; inFen: number; outFen: number; count: number }>;
  @ApiProperty({ example: [{ type: 'recharge', inFen: 100000, outFen: 0, count: 1 }] }) byType: Array<{ type: string; inFen: number; outFen: number; count: number }>;
}
