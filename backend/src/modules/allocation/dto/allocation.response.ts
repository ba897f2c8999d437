import { ApiProperty } from '@nestjs/swagger';
import type { AllocationDto, DrawDto, LatestSignalDto, MyStockDto, MyStocksDto, DrawReason, DrawReplayDto, MemberAllocationSummaryDto, PoolActivationCheckDto, PoolQuotaWarning, ReleaseReason, RerollResultDto } from '@zhice/shared';
import { JobProgressResponseDto } from '../../jobs/dto/jobs.response.js';

export class PoolQuotaWarningDto implements PoolQuotaWarning {
  @ApiProperty({ example: 3 })
  level: number;

  @ApiProperty({ example: 'VIP3' })
  name: string;

  @ApiProperty({ example: 50 })
  stockQuota: number;

  @ApiProperty({ example: 30, description: 'eligible (listed) stocks in the pool' })
  poolSize: number;
}

export class PoolActivationCheckResponseDto implements PoolActivationCheckDto {
  @ApiProperty({ format: 'uuid', example: '0b6f7c1e-2d3a-4e5f-8a9b-0c1d2e3f4a5b' })
  poolId: string;

  @ApiProperty({ example: 30 })
  poolSize: number;

  @ApiProperty({ type: [PoolQuotaWarningDto], description: 'levels whose members would get fewer stocks than their quota' })
  warnings: PoolQuotaWarningDto[];
}

export class ActivationStartedDto {
  @ApiProperty({ format: 'uuid', example: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f' })
  jobId: string;

  @ApiProperty({ type: [PoolQuotaWarningDto] })
  warnings: PoolQuotaWarningDto[];
}

export class RerollResultResponseDto implements RerollResultDto {
  @ApiProperty({ format: 'uuid', example: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f' })
  userId: string;

  @ApiProperty({ format: 'uuid', example: '0b6f7c1e-2d3a-4e5f-8a9b-0c1d2e3f4a5b' })
  poolId: string;

  @ApiProperty({ type: [String], example: ['600000.SH', '000001.SZ'] })
  released: string[];

  @ApiProperty({ type: String, nullable: true, example: '1042' })
  drawId: string | null;

  @ApiProperty({ type: [String], example: ['1042'] })
  drawIds: string[];

  @ApiProperty({ type: [String], example: ['600036.SH', '601318.SH'] })
  picks: string[];

  @ApiProperty({ example: true, description: 'false only when the pool has no other stock to offer' })
  changed: boolean;

  @ApiProperty({ type: [String], example: [], description: 'old stocks drawn again because the pool has too few others' })
  kept: string[];
}

const UUID_A = '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';
const UUID_P = '0b6f7c1e-2d3a-4e5f-8a9b-0c1d2e3f4a5b';
const HASH = 'a3f5c2e1b4d6f7089a1b2c3d4e5f60718293a4b5c6d7e8f90123456789abcdef';

export class AllocationResponseDto implements AllocationDto {
  @ApiProperty({ example: '90210' }) id: string;
  @ApiProperty({ format: 'uuid', example: UUID_A }) userId: string;
  @ApiProperty({ example: 'zhang_san' }) username: string;
  @ApiProperty({ format: 'uuid', example: UUID_P }) poolId: string;
  @ApiProperty({ example: '2027 Q1' }) poolName: string;
  @ApiProperty({ example: '600000.SH' }) tsCode: string;
  @ApiProperty({ example: '浦发银行' }) stockName: string;
  @ApiProperty({ example: '1042' }) drawId: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-20T08:00:00.000Z' }) allocatedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) releasedAt: string | null;
  @ApiProperty({ enum: ['level_change', 'reroll', 'rotation', 'expiry'], nullable: true, example: null }) releaseReason: ReleaseReason | null;
}

export class AllocationPageDto {
  @ApiProperty({ type: [AllocationResponseDto] }) items: AllocationResponseDto[];
  @ApiProperty({ example: 1 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) pageSize: number;
}

/** One record of `GET /admin/allocations/export?format=json` (an array of these). */
export class AllocationExportRecordDto extends AllocationResponseDto {
  @ApiProperty({ example: 2, description: 'the member’s effective level at export time' }) vipLevel: number;
}

export class DrawResponseDto implements DrawDto {
  @ApiProperty({ example: '1042' }) id: string;
  @ApiProperty({ format: 'uuid', example: UUID_A }) userId: string;
  @ApiProperty({ format: 'uuid', example: UUID_P }) poolId: string;
  @ApiProperty({ enum: ['register', 'level_change', 'activation', 'reroll', 'expiry'], example: 'register' }) reason: DrawReason;
  @ApiProperty({ example: 3141592653, description: 'uint32' }) seed: number;
  @ApiProperty({ example: HASH }) snapshotHash: string;
  @ApiProperty({ example: 'v2' }) allocatorVersion: string;
  @ApiProperty({ type: Number, nullable: true, example: 5, description: 'null = unlimited' }) quota: number | null;
  @ApiProperty({ type: [String], example: [] }) held: string[];
  @ApiProperty({ type: [String], example: ['600000.SH', '000001.SZ'] }) picks: string[];
  @ApiProperty({ type: String, nullable: true, example: null, description: 'draws made by a pool activation' }) batchId: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-12-20T08:00:00.000Z' }) createdAt: string;
}

export class DrawPageDto {
  @ApiProperty({ type: [DrawResponseDto] }) items: DrawResponseDto[];
  @ApiProperty({ example: 1 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) pageSize: number;
}

export class DrawReplayResponseDto implements DrawReplayDto {
  @ApiProperty({ example: '1042' }) drawId: string;
  @ApiProperty({ type: [String], example: ['600000.SH', '000001.SZ'] }) stored: string[];
  @ApiProperty({ type: [String], example: ['600000.SH', '000001.SZ'] }) replayed: string[];
  @ApiProperty({ example: true }) identical: boolean;
  @ApiProperty({ example: true, description: 'the rebuilt snapshot hashes to the stored one' }) snapshotHashMatches: boolean;
  @ApiProperty({ example: HASH }) snapshotHash: string;
  @ApiProperty({ example: 'v2' }) allocatorVersion: string;
}

export class MemberSummaryUserDto {
  @ApiProperty({ format: 'uuid', example: UUID_A }) id: string;
  @ApiProperty({ example: 'zhang_san' }) username: string;
  @ApiProperty({ example: 'user' }) role: string;
  @ApiProperty({ example: 2 }) vipLevel: number;
  @ApiProperty({ type: Number, nullable: true, example: 20 }) stockQuota: number | null;
}

export class MemberSummaryPoolDto {
  @ApiProperty({ format: 'uuid', example: UUID_P }) id: string;
  @ApiProperty({ example: '2027 Q1' }) name: string;
}

export class MemberHoldingDto {
  @ApiProperty({ example: '600000.SH' }) tsCode: string;
  @ApiProperty({ example: '浦发银行' }) name: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-20T08:00:00.000Z' }) allocatedAt: string;
  @ApiProperty({ example: '1042' }) drawId: string;
}

export class MemberAllocationSummaryResponseDto implements MemberAllocationSummaryDto {
  @ApiProperty({ type: MemberSummaryUserDto }) user: MemberSummaryUserDto;
  @ApiProperty({ type: MemberSummaryPoolDto, nullable: true }) pool: MemberSummaryPoolDto | null;
  @ApiProperty({ type: [MemberHoldingDto] }) holdings: MemberHoldingDto[];
}

/** `GET /admin/stock-pools/:id/activation`: the re-allocation job's progress. */
export class PoolActivationProgressDto extends JobProgressResponseDto {
  @ApiProperty({ format: 'uuid', example: UUID_P }) poolId: string;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { members: 120, draws: 120, allocations: 600, released: 580 } }) result: Record<string, unknown>;
}

export class LatestSignalResponseDto implements LatestSignalDto {
  @ApiProperty({ format: 'date', example: '2026-12-04' })
  tradeDate: string;

  @ApiProperty({ enum: ['BUY', 'SELL', 'HOLD'], example: 'BUY' })
  action: LatestSignalDto['action'];

  @ApiProperty({ example: 0.42, description: 'signal strength (强度)' })
  score: number;
}

export class MyStockResponseDto implements MyStockDto {
  @ApiProperty({ example: '600519.SH' })
  tsCode: string;

  @ApiProperty({ example: '贵州茅台' })
  name: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-02T01:30:00.000Z' })
  allocatedAt: string;

  @ApiProperty({ type: LatestSignalResponseDto, nullable: true, description: "the latest published signal of the level's strategy; null before the first run" })
  latestSignal: LatestSignalResponseDto | null;

  @ApiProperty({ type: Number, nullable: true, example: 1.2345, description: 'latest day change in percent (1.23 = +1.23 %); null without bars' })
  changePct: number | null;
}

export class MyStocksResponseDto implements MyStocksDto {
  @ApiProperty({ type: [MyStockResponseDto] })
  items: MyStockResponseDto[];
}
