import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  AgentCardProject,
  CardBatch,
  CardBatchCreated,
  CardBatchVoided,
  CardKeyItem,
  CardKeyQueryResult,
  CardKeySettings,
  CardKeyStats,
  CardPriceEntry,
  CardPriceQuote,
  CardProject,
  CardProjectApplication,
  CardProjectAuthorization,
  CardProjectCreated,
  CardVerificationLogEntry,
  CardVerifyResult,
  CreateCardBatchRequest,
} from '@zhice/shared';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUrl, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { SortedPageQuery } from '../../../common/list-query.js';
import { PageOf, PageQueryDto } from '../../../common/pagination.js';
import { CARD_BATCH_SORT, CARD_KEY_SORT, CARD_PROJECT_SORT, CARD_VERIFICATION_SORT } from '../domain/list-sorts.js';

const NO_CTRL = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;
const IDEM = /^[A-Za-z0-9_.:-]{8,64}$/;

export class CreateCardBatchDto implements CreateCardBatchRequest {
  @ApiPropertyOptional({ example: 1, minimum: 1, maximum: 4, description: 'VIP keys: the level (with months)' })
  @ValidateIf((o: CreateCardBatchDto) => o.projectId === undefined || o.level !== undefined)
  @IsInt()
  @Min(1)
  @Max(4)
  level?: number;

  @ApiPropertyOptional({ example: 3, minimum: 1, maximum: 36 })
  @ValidateIf((o: CreateCardBatchDto) => o.projectId === undefined || o.months !== undefined)
  @IsInt()
  @Min(1)
  @Max(36)
  months?: number;

  @ApiPropertyOptional({ description: 'project keys: the project (with durationDays)' })
  @IsOptional()
  @IsUUID()
  projectId?: string;

  @ApiPropertyOptional({ example: 30, minimum: 0, maximum: 3650, description: 'valid days from first activation, 0 = permanent' })
  @ValidateIf((o: CreateCardBatchDto) => o.projectId !== undefined || o.durationDays !== undefined)
  @IsInt()
  @Min(0)
  @Max(3650)
  durationDays?: number;

  @ApiProperty({ example: 100, minimum: 1, maximum: 10000 })
  @IsInt()
  @Min(1)
  @Max(10000)
  count: number;

  @ApiPropertyOptional({ example: '双十一渠道' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(NO_CTRL)
  note?: string;

  @ApiPropertyOptional({ example: '2026-12-31T23:59:59+08:00', description: 'keys must be redeemed / first activated before this time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  redeemBy?: string;

  @ApiPropertyOptional({ example: 'batch-2026-03-02-001', description: 'the same key with the same body answers the first batch again' })
  @IsOptional()
  @Matches(IDEM)
  idempotencyKey?: string;
}

export class CardBatchCreatedDto implements CardBatchCreated {
  @ApiProperty({ example: '0b7c6a3e-4a57-4f55-9a8f-9f0c2d2e1a11' }) id: string;
  @ApiProperty({ example: 100 }) count: number;
  @ApiProperty({ example: 693000 }) costFen: number;
  @ApiProperty({ example: 'ready', enum: ['generating', 'ready', 'failed'] }) status: 'generating' | 'ready' | 'failed';
  @ApiProperty({ example: null, nullable: true, type: String }) jobId: string | null;
}

export class CardBatchDto implements CardBatch {
  @ApiProperty({ example: '0b7c6a3e-4a57-4f55-9a8f-9f0c2d2e1a11' }) id: string;
  @ApiProperty() ownerId: string;
  @ApiProperty({ nullable: true, type: String, example: 'agent1' }) ownerName: string | null;
  @ApiProperty({ enum: ['vip', 'project'], example: 'vip' }) kind: 'vip' | 'project';
  @ApiProperty({ nullable: true, type: Number, example: 1 }) level: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 3 }) months: number | null;
  @ApiProperty({ nullable: true, type: String }) projectId: string | null;
  @ApiProperty({ nullable: true, type: String }) projectName: string | null;
  @ApiProperty({ nullable: true, type: Number }) durationDays: number | null;
  @ApiProperty({ example: 100 }) count: number;
  @ApiProperty({ example: 100 }) generated: number;
  @ApiProperty({ example: 90 }) unusedCount: number;
  @ApiProperty({ example: 10 }) usedCount: number;
  @ApiProperty({ example: 0 }) voidedCount: number;
  @ApiProperty({ example: 6930 }) unitPriceFen: number;
  @ApiProperty({ example: 693000 }) costFen: number;
  @ApiProperty({ example: 0 }) refundedFen: number;
  @ApiProperty({ enum: ['generating', 'ready', 'failed'], example: 'ready' }) status: 'generating' | 'ready' | 'failed';
  @ApiProperty({ nullable: true, type: String }) redeemBy: string | null;
  @ApiProperty({ example: '' }) note: string;
  @ApiProperty({ nullable: true, type: String }) jobId: string | null;
  @ApiProperty({ example: '2026-03-02T10:00:00.000Z' }) createdAt: string;
}

export class CardBatchPageDto extends PageOf(CardBatchDto) {}

export class CardBatchVoidedDto implements CardBatchVoided {
  @ApiProperty({ example: 90 }) voided: number;
  @ApiProperty({ example: 623700 }) refundFen: number;
}

export class ListCardBatchesQueryDto extends SortedPageQuery(CARD_BATCH_SORT) {
  @ApiPropertyOptional({ enum: ['generating', 'ready', 'failed'] })
  @IsOptional()
  @IsIn(['generating', 'ready', 'failed'])
  status?: string;

  @ApiPropertyOptional({ enum: ['vip', 'project'] })
  @IsOptional()
  @IsIn(['vip', 'project'])
  kind?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  projectId?: string;
}

export class ExportQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format: 'csv' | 'xlsx' = 'csv';
}

export class RedeemCardKeyDto {
  @ApiProperty({ example: 'ABCD-EFGH-JKMN-PQRS', description: 'spaces, dashes, case and full-width forms are tolerated' })
  @IsString()
  @Length(1, 100)
  code: string;
}

export class RedeemResultDto {
  @ApiProperty({ description: 'the member after the grant (effective level and expiry)' }) user: Record<string, unknown>;
  @ApiProperty({ description: 'the VIP grant (source card_key)' }) grant: Record<string, unknown>;
}

export class PriceQuoteQueryDto {
  @ApiPropertyOptional({ example: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(4) level?: number;
  @ApiPropertyOptional({ example: 3 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(36) months?: number;
  @ApiPropertyOptional() @IsOptional() @IsUUID() projectId?: string;
  @ApiPropertyOptional({ example: 30 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(3650) durationDays?: number;
  @ApiProperty({ example: 100 }) @Type(() => Number) @IsInt() @Min(1) @Max(10000) count: number;
}

export class CardPriceQuoteDto implements CardPriceQuote {
  @ApiProperty({ example: 6930 }) unitPriceFen: number;
  @ApiProperty({ example: 693000 }) costFen: number;
  @ApiProperty({ example: 9900 }) retailFen: number;
  @ApiProperty({ example: true }) isDefault: boolean;
}

export class SetCardPriceDto {
  @ApiPropertyOptional({ example: 1 }) @ValidateIf((o: SetCardPriceDto) => o.projectId === undefined) @IsInt() @Min(1) @Max(4) level?: number;
  @ApiPropertyOptional({ example: 3 }) @ValidateIf((o: SetCardPriceDto) => o.projectId === undefined) @IsInt() @Min(1) @Max(36) months?: number;
  @ApiPropertyOptional() @IsOptional() @IsUUID() projectId?: string;
  @ApiPropertyOptional({ example: 30 }) @ValidateIf((o: SetCardPriceDto) => o.projectId !== undefined) @IsInt() @Min(0) @Max(3650) durationDays?: number;
  @ApiProperty({ example: 6900, nullable: true, description: 'fen; null removes the price (back to the default discount)' })
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  priceFen: number | null;
}

export class CardPriceEntryDto implements CardPriceEntry {
  @ApiProperty({ enum: ['vip', 'project'] }) kind: 'vip' | 'project';
  @ApiProperty({ nullable: true, type: Number }) level: number | null;
  @ApiProperty({ nullable: true, type: Number }) months: number | null;
  @ApiProperty({ nullable: true, type: String }) projectId: string | null;
  @ApiProperty({ nullable: true, type: String }) projectName: string | null;
  @ApiProperty({ nullable: true, type: Number }) durationDays: number | null;
  @ApiProperty({ example: 6930 }) priceFen: number;
  @ApiProperty({ example: 9900 }) retailFen: number;
  @ApiProperty({ example: true }) isDefault: boolean;
}

export class CardKeySettingsDto implements CardKeySettings {
  @ApiProperty({ example: 24 }) unbindCooldownHours: number;
  @ApiProperty({ example: 70 }) defaultDiscountPct: number;
}

export class UpdateCardKeySettingsDto {
  @ApiPropertyOptional({ example: 24, minimum: 0, maximum: 8760 }) @IsOptional() @IsInt() @Min(0) @Max(8760) unbindCooldownHours?: number;
  @ApiPropertyOptional({ example: 70, minimum: 1, maximum: 100 }) @IsOptional() @IsInt() @Min(1) @Max(100) defaultDiscountPct?: number;
}

export class SearchCardKeysQueryDto extends SortedPageQuery(CARD_KEY_SORT) {
  @ApiPropertyOptional({ description: 'a full code (any accepted form)' }) @IsOptional() @IsString() @MaxLength(100) code?: string;
  @ApiPropertyOptional({ description: 'the last 4 symbols' }) @IsOptional() @Matches(/^[0-9A-Za-z]{4}$/) last4?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() batchId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() projectId?: string;
  @ApiPropertyOptional({ enum: ['unused', 'used', 'void'] }) @IsOptional() @IsIn(['unused', 'used', 'void']) status?: string;
}

export class CardKeyItemDto implements CardKeyItem {
  @ApiProperty() id: string;
  @ApiProperty() batchId: string;
  @ApiProperty({ example: '••••-••••-••••-PQRS' }) maskedCode: string;
  @ApiProperty({ enum: ['unused', 'used', 'void'] }) status: 'unused' | 'used' | 'void';
  @ApiProperty({ enum: ['vip', 'project'] }) kind: 'vip' | 'project';
  @ApiProperty({ nullable: true, type: Number }) level: number | null;
  @ApiProperty({ nullable: true, type: Number }) months: number | null;
  @ApiProperty({ nullable: true, type: String }) projectId: string | null;
  @ApiProperty({ nullable: true, type: String }) projectName: string | null;
  @ApiProperty({ nullable: true, type: Number }) durationDays: number | null;
  @ApiProperty({ nullable: true, type: String }) ownerName: string | null;
  @ApiProperty({ nullable: true, type: String }) redeemedByName: string | null;
  @ApiProperty({ nullable: true, type: String }) usedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) expiresAt: string | null;
  @ApiProperty({ nullable: true, type: String }) deviceId: string | null;
  @ApiProperty({ nullable: true, type: String }) lastUnbindAt: string | null;
  @ApiProperty({ example: 0 }) unbindCount: number;
}

export class CardKeyPageDto extends PageOf(CardKeyItemDto) {}

export class StatsQueryDto {
  @ApiPropertyOptional({ example: '2026-03-01' }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) from?: string;
  @ApiPropertyOptional({ example: '2026-03-31' }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) to?: string;
  @ApiPropertyOptional({ enum: ['csv', 'json'] }) @IsOptional() @IsIn(['csv', 'json']) format?: 'csv' | 'json';
}

export class CardKeyStatsBucketDto {
  @ApiProperty({ example: 'used' }) key: string;
  @ApiProperty({ example: 10 }) count: number;
  @ApiPropertyOptional({ example: 3 }) used?: number;
}

export class CardKeyStatsDto implements CardKeyStats {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ type: [CardKeyStatsBucketDto] }) byStatus: CardKeyStatsBucketDto[];
  @ApiProperty({ type: [CardKeyStatsBucketDto] }) byLevel: CardKeyStatsBucketDto[];
  @ApiProperty({ type: [CardKeyStatsBucketDto] }) byProject: CardKeyStatsBucketDto[];
  @ApiProperty({ type: [CardKeyStatsBucketDto] }) byAgent: CardKeyStatsBucketDto[];
  @ApiProperty({ type: [CardKeyStatsBucketDto] }) generatedByDay: CardKeyStatsBucketDto[];
  @ApiProperty({ type: [CardKeyStatsBucketDto] }) usedByDay: CardKeyStatsBucketDto[];
}

export class CreateProjectDto {
  @ApiProperty({ example: '智策桌面版' }) @IsString() @Length(1, 64) @Matches(NO_CTRL) name: string;
  @ApiPropertyOptional({ example: '桌面行情终端' }) @IsOptional() @IsString() @MaxLength(500) @Matches(NO_CTRL) description?: string;
  @ApiPropertyOptional({ example: '1.0.0' }) @IsOptional() @IsString() @MaxLength(32) @Matches(NO_CTRL) version?: string;
  @ApiPropertyOptional({ example: 'https://example.com/zhice/callback' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(500)
  callbackUrl?: string;
  @ApiPropertyOptional({ example: 1000, description: 'retail price per 30 days in fen (base of the default card price)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  retailFenPer30d?: number;
}

export class UpdateProjectDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) @Matches(NO_CTRL) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) @Matches(NO_CTRL) description?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(32) @Matches(NO_CTRL) version?: string;
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(500)
  callbackUrl?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(100_000_000) retailFenPer30d?: number;
  @ApiPropertyOptional({ example: 600 }) @IsOptional() @IsInt() @Min(1) @Max(100_000) rateLimitPerMinute?: number;
}

export class CardProjectCreatedDto implements CardProjectCreated {
  @ApiProperty() id: string;
  @ApiProperty({ example: '智策桌面版' }) name: string;
  @ApiProperty({ example: 'pk_3f9a1c0d5b7e4a2c9d8e' }) apiKey: string;
  @ApiProperty({ example: 'sk_…', description: 'shown once' }) apiSecret: string;
}

export class CardProjectDto implements CardProject {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty() version: string;
  @ApiProperty({ nullable: true, type: String }) callbackUrl: string | null;
  @ApiProperty() apiKey: string;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ example: 1000 }) retailFenPer30d: number;
  @ApiProperty({ example: 600 }) rateLimitPerMinute: number;
  @ApiProperty({ nullable: true, type: String }) bannedUntil: string | null;
  @ApiProperty() authorizedAgents: number;
  @ApiProperty() keyCount: number;
  @ApiProperty() pendingApplications: number;
  @ApiProperty() createdAt: string;
}

export class CardProjectPageDto extends PageOf(CardProjectDto) {}

export class ListProjectsQueryDto extends SortedPageQuery(CARD_PROJECT_SORT) {}

export class AuthorizeAgentDto {
  @ApiProperty() @IsUUID() agentId: string;
  @ApiPropertyOptional({ example: '2026-12-31T23:59:59+08:00', nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsISO8601({ strict: true })
  expiresAt?: string | null;
}

export class CardProjectAuthorizationDto implements CardProjectAuthorization {
  @ApiProperty() id: string;
  @ApiProperty() projectId: string;
  @ApiProperty() agentId: string;
  @ApiProperty({ nullable: true, type: String }) agentName: string | null;
  @ApiProperty({ nullable: true, type: String }) expiresAt: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty() createdAt: string;
}

export class ApplyProjectDto {
  @ApiProperty({ example: '渠道客户需要桌面版' }) @IsString() @Length(1, 500) @Matches(NO_CTRL) reason: string;
}

export class DecideApplicationDto {
  @ApiPropertyOptional({ nullable: true, type: String, description: 'approve: authorisation expiry' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsISO8601({ strict: true })
  expiresAt?: string | null;
  @ApiPropertyOptional({ example: '' }) @IsOptional() @IsString() @MaxLength(500) @Matches(NO_CTRL) note?: string;
}

export class AgentCardProjectDto implements AgentCardProject {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty() version: string;
  @ApiProperty() authorized: boolean;
  @ApiProperty({ nullable: true, type: String }) authorizedUntil: string | null;
  @ApiProperty({ nullable: true, enum: ['pending', 'approved', 'refused'] }) applicationStatus: 'pending' | 'approved' | 'refused' | null;
}

export class CardProjectApplicationDto implements CardProjectApplication {
  @ApiProperty() id: string;
  @ApiProperty() projectId: string;
  @ApiProperty() projectName: string;
  @ApiProperty() agentId: string;
  @ApiProperty({ nullable: true, type: String }) agentName: string | null;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: ['pending', 'approved', 'refused'] }) status: 'pending' | 'approved' | 'refused';
  @ApiProperty({ nullable: true, type: String }) decidedByName: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionNote: string | null;
  @ApiProperty() createdAt: string;
}

export class CardProjectApplicationPageDto extends PageOf(CardProjectApplicationDto) {}

export class ListApplicationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'approved', 'refused'] }) @IsOptional() @IsIn(['pending', 'approved', 'refused']) status?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() projectId?: string;
}

export class VerificationLogQueryDto extends SortedPageQuery(CARD_VERIFICATION_SORT) {
  @ApiPropertyOptional() @IsOptional() @IsUUID() projectId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() keyId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Z_]{2,32}$/) result?: string;
}

export class CardVerificationLogDto implements CardVerificationLogEntry {
  @ApiProperty() id: string;
  @ApiProperty() at: string;
  @ApiProperty() projectId: string;
  @ApiProperty() projectName: string;
  @ApiProperty({ nullable: true, type: String }) keyId: string | null;
  @ApiProperty({ nullable: true, type: String }) maskedCode: string | null;
  @ApiProperty({ enum: ['verify', 'query'] }) action: 'verify' | 'query';
  @ApiProperty({ nullable: true, type: String }) deviceId: string | null;
  @ApiProperty({ nullable: true, type: String }) ip: string | null;
  @ApiProperty({ example: 'OK' }) result: string;
}

export class CardVerificationLogPageDto extends PageOf(CardVerificationLogDto) {}

export class VerifyCardKeyDto {
  @ApiProperty({ example: 'ABCD-EFGH-JKMN-PQRS' }) @IsString() @Length(1, 100) code: string;
  @ApiProperty({ example: 'HW-5f2a9c' }) @IsString() @Length(1, 128) @Matches(/^[\x21-\x7e]+$/) deviceId: string;
}

export class CardVerifyResultDto implements CardVerifyResult {
  @ApiProperty({ example: true }) valid: boolean;
  @ApiProperty({ example: 'OK', enum: ['OK', 'NOT_FOUND', 'VOID', 'EXPIRED', 'DEVICE_MISMATCH', 'NOT_ACTIVATED'] }) reason: CardVerifyResult['reason'];
  @ApiProperty({ nullable: true, type: String }) activatedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) expiresAt: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 2592000 }) remainingSeconds: number | null;
}

export class CardKeyQueryResultDto implements CardKeyQueryResult {
  @ApiProperty({ enum: ['unused', 'used', 'void', 'expired', 'not_found'] }) status: CardKeyQueryResult['status'];
  @ApiProperty({ nullable: true, type: String }) activatedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) expiresAt: string | null;
  @ApiProperty({ nullable: true, type: Number }) durationDays: number | null;
  @ApiProperty() deviceBound: boolean;
}

export class UnbindResultDto {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) expiresAt: string | null;
  @ApiProperty() unbindCount: number;
}
