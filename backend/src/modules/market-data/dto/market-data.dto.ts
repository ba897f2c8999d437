import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { BarsAdjust, UpdateDataSourceRequest } from '@zhice/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
  type ValidationOptions,
} from 'class-validator';
import { ListJobRecordsQueryDto } from '../../jobs/jobs.service.js';
import { isIsoDate } from '../domain/trade-dates.js';

/** A real calendar day written `YYYY-MM-DD`. */
export function IsIsoDay(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoDay',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isIsoDate(value),
        defaultMessage: () => '$property must be a date written YYYY-MM-DD',
      },
    },
    options,
  );
}

export const TS_CODE_PATTERN = /^\d{6}\.(SH|SZ|BJ)$/;

export class UpdateDataSourceDto implements UpdateDataSourceRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ nullable: true, description: 'Tushare token; empty or null clears the stored one. Never returned.' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null && v !== '')
  @IsString()
  @MinLength(8)
  @MaxLength(256)
  @Matches(/^[\x21-\x7e]+$/, { message: 'token must be printable ASCII without spaces' })
  token?: string | null;

  @ApiPropertyOptional({ nullable: true, example: 'http://api.tushare.pro', description: 'empty or null clears the stored one' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null && v !== '')
  @IsString()
  @MaxLength(500)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  baseUrl?: string | null;
}

export class ReorderDataSourcesDto {
  @ApiProperty({ example: ['tushare', 'akshare', 'demo'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(/^[a-z][a-z0-9_]{0,31}$/, { each: true })
  names: string[];
}

export class StartMarketSyncDto {
  @ApiProperty({ example: '2026-01-05' })
  @IsIsoDay()
  from: string;

  @ApiProperty({ example: '2026-02-27' })
  @IsIsoDay()
  to: string;
}

export class CalendarCoverageQueryDto {
  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(1990)
  @Max(2100)
  year: number;
}

export class ListMarketSyncsQueryDto extends ListJobRecordsQueryDto {}

export class BarsQueryDto {
  @ApiProperty({ example: '600000.SH' })
  @Matches(TS_CODE_PATTERN, { message: 'tsCode must look like 600000.SH' })
  tsCode: string;

  @ApiPropertyOptional({ example: '2025-03-01', description: 'default: one year before `to`' })
  @IsOptional()
  @IsIsoDay()
  from?: string;

  @ApiPropertyOptional({ example: '2026-03-01', description: 'default: today (Asia/Shanghai)' })
  @IsOptional()
  @IsIsoDay()
  to?: string;

  @ApiPropertyOptional({ enum: ['qfq', 'none'], default: 'qfq' })
  @IsOptional()
  @IsIn(['qfq', 'none'])
  adjust?: BarsAdjust;
}

/** A started background job (202). */
export class StartedJobResponse {
  @ApiProperty({ example: '7d1c2f0e-3b9a-4f3e-9a51-2f1f6a1c9b10' }) id!: string;
  @ApiProperty({ example: 'queued' }) status!: string;
}
