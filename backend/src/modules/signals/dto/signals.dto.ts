import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { StartSignalRunRequest, UpdateStrategyParamsRequest } from '@zhice/shared';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, Matches, ValidateBy, type ValidationOptions } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination.js';
import { isIsoDate } from '../runs/dates.js';
import { STRATEGY_IDS } from '../strategies/registry.js';

/** A real calendar day written `YYYY-MM-DD`. */
export function IsIsoDay(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoDay',
      validator: {
        validate: (value: unknown) => isIsoDate(value),
        defaultMessage: () => '$property must be a date written YYYY-MM-DD',
      },
    },
    options,
  );
}

const TS_CODE = /^\d{6}\.(SH|SZ|BJ)$/;

export class StartSignalRunDto implements StartSignalRunRequest {
  @ApiPropertyOptional({ example: '2026-02-27', description: 'a stored trading day; default: the latest' })
  @IsOptional()
  @IsIsoDay()
  tradeDate?: string;
}

export class UpdateStrategyParamsDto implements UpdateStrategyParamsRequest {
  @ApiProperty({ type: 'object', additionalProperties: true, example: { short: 3, long: 24, smooth: 24 }, description: 'overrides of the defaults; the resolved set becomes the new version' })
  @IsObject()
  params: Record<string, unknown>;
}

export class StatsQueryDto {
  @ApiPropertyOptional({ enum: STRATEGY_IDS })
  @IsOptional()
  @IsIn(STRATEGY_IDS as string[])
  strategyId?: string;

  @ApiPropertyOptional({ enum: [1, 5, 10, 20], description: 'omit for every window' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @IsIn([1, 5, 10, 20])
  window?: number;
}

export class MySignalsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '600000.SH', description: 'one of your stocks; omit for all of them' })
  @IsOptional()
  @Matches(TS_CODE, { message: 'tsCode must look like 600000.SH' })
  tsCode?: string;

  @ApiPropertyOptional({ example: '2026-01-01' })
  @IsOptional()
  @IsIsoDay()
  from?: string;

  @ApiPropertyOptional({ example: '2026-03-01' })
  @IsOptional()
  @IsIsoDay()
  to?: string;
}

export class StockQueryDto {
  @ApiProperty({ example: '600000.SH' })
  @Matches(TS_CODE, { message: 'tsCode must look like 600000.SH' })
  tsCode: string;
}
