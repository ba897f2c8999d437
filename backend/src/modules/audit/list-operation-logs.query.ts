import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { SortParam } from '../../common/list-query.js';
import { PageQueryDto } from '../../common/pagination.js';
import { OPERATION_LOG_SORT } from './domain/list-sorts.js';

export class ListOperationLogsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'operator username contains' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  operator?: string;

  @ApiPropertyOptional({ example: 'vip.grant' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_.-]{0,63}$/)
  action?: string;

  @ApiPropertyOptional({ example: 'user' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_-]{0,31}$/)
  targetType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  targetId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601()
  from?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601()
  to?: string;

  @SortParam(OPERATION_LOG_SORT)
  sort?: string;
}

