import { ApiProperty } from '@nestjs/swagger';
import type { PoolActivationCheckDto, PoolQuotaWarning, RerollResultDto } from '@zhice/shared';

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
