import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CreateStockPoolRequest, DuplicateStockPoolRequest, PoolCoverageDto, PoolStockCoverageDto, StockPoolStatus, UpdateStockPoolRequest } from '@zhice/shared';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { SortParam } from '../../../common/list-query.js';
import { PageQueryDto } from '../../../common/pagination.js';
import { POOL_IMPORT_LIMITS } from '../domain/import-parser.js';
import { POOL_SORT } from '../domain/list-sorts.js';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const dateMessage = { message: '$property must be a date YYYY-MM-DD' };

export class PreviewPoolDto {
  @ApiPropertyOptional({ description: 'One code per line, or CSV/TSV with a header row. Or send multipart `file` (CSV/XLSX) instead.' })
  @IsOptional()
  @IsString()
  @MaxLength(POOL_IMPORT_LIMITS.maxFileBytes)
  text?: string;
}

export class CreatePoolDto implements CreateStockPoolRequest {
  @ApiProperty({ example: '2026年Q4 股票池', maxLength: 64 })
  @IsString()
  @Length(1, 64)
  @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  @ApiProperty({ example: '2026-10-01' })
  @IsString()
  @Matches(DATE_ONLY, dateMessage)
  @IsISO8601({ strict: true }, dateMessage)
  startsOn: string;

  @ApiProperty({ example: '2026-12-31' })
  @IsString()
  @Matches(DATE_ONLY, dateMessage)
  @IsISO8601({ strict: true }, dateMessage)
  endsOn: string;

  @ApiProperty({ type: [String], example: ['600000.SH', '000001.SZ'], description: 'Codes in any accepted spelling; normalised' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(POOL_IMPORT_LIMITS.maxDataRows)
  @IsString({ each: true })
  @MaxLength(32, { each: true })
  codes: string[];

  @ApiPropertyOptional({ description: 'Create from the valid codes and skip the rest instead of refusing' })
  @IsOptional()
  @IsBoolean()
  skipInvalid?: boolean;
}

export class UpdatePoolDto implements UpdateStockPoolRequest {
  @ApiPropertyOptional({ maxLength: 64 })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional({ example: '2026-10-01' })
  @IsOptional()
  @IsString()
  @Matches(DATE_ONLY, dateMessage)
  @IsISO8601({ strict: true }, dateMessage)
  startsOn?: string;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @IsString()
  @Matches(DATE_ONLY, dateMessage)
  @IsISO8601({ strict: true }, dateMessage)
  endsOn?: string;

  @ApiPropertyOptional({ type: [String], example: ['600000.SH', '000001.SZ'], description: "A draft's stocks, replaced as a whole; invalid or duplicate codes refuse the request" })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(POOL_IMPORT_LIMITS.maxDataRows)
  @IsString({ each: true })
  @MaxLength(32, { each: true })
  codes?: string[];
}

export class DuplicatePoolDto implements DuplicateStockPoolRequest {
  @ApiPropertyOptional({ maxLength: 64, example: '2027 Q1 pool', description: 'default: the name of the pool copied, with " (copy)"' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional({ example: '2027-01-01', description: "default: the copied pool's" })
  @IsOptional()
  @IsString()
  @Matches(DATE_ONLY, dateMessage)
  @IsISO8601({ strict: true }, dateMessage)
  startsOn?: string;

  @ApiPropertyOptional({ example: '2027-03-31', description: "default: the copied pool's" })
  @IsOptional()
  @IsString()
  @Matches(DATE_ONLY, dateMessage)
  @IsISO8601({ strict: true }, dateMessage)
  endsOn?: string;
}

export class ListPoolsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['draft', 'active', 'archived'] })
  @IsOptional()
  @IsIn(['draft', 'active', 'archived'])
  status?: StockPoolStatus;

  @ApiPropertyOptional({ description: 'name contains' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  q?: string;

  @SortParam(POOL_SORT)
  sort?: string;
}

export class PoolStockCoverageResponse implements PoolStockCoverageDto {
  @ApiProperty({ example: '600000.SH' }) tsCode!: string;
  @ApiProperty({ example: '浦发银行' }) name!: string;
  @ApiProperty({ example: 268, description: 'real bars stored in the window' }) bars!: number;
  @ApiProperty({ example: 0, description: 'synthetic (demo) bars still stored in the window' }) syntheticBars!: number;
  @ApiProperty({ example: '2025-01-27', nullable: true, type: String }) firstDate!: string | null;
  @ApiProperty({ example: '2026-03-02', nullable: true, type: String }) lastDate!: string | null;
  @ApiProperty({ example: 270 }) expectedDays!: number;
  @ApiProperty({ example: 2, description: 'open days without a real bar (suspensions included)' }) missingDays!: number;
}

export class PoolCoverageResponse implements PoolCoverageDto {
  @ApiProperty({ example: '7d1c2f0e-3b9a-4f3e-9a51-2f1f6a1c9b10' }) poolId!: string;
  @ApiProperty({ example: '2025-01-26' }) from!: string;
  @ApiProperty({ example: '2026-03-02' }) to!: string;
  @ApiProperty({ type: [PoolStockCoverageResponse] }) items!: PoolStockCoverageResponse[];
}
