import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import type { DrawReason } from '@zhice/shared';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { SortParam } from '../../../common/list-query.js';
import { PageQueryDto } from '../../../common/pagination.js';
import { ALLOCATION_SORT, DRAW_SORT } from '../domain/list-sorts.js';

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class AllocationFilterDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  poolId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ description: "member's effective VIP level now", minimum: 0, maximum: 4 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(4)
  vipLevel?: number;

  @ApiPropertyOptional({ description: 'true = current holdings only, false = released only' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ example: '600000.SH' })
  @IsOptional()
  @Matches(/^\d{6}\.(SH|SZ|BJ)$/)
  tsCode?: string;
}

export class ListAllocationsQueryDto extends IntersectionType(AllocationFilterDto, PageQueryDto) {
  @SortParam(ALLOCATION_SORT)
  sort?: string;
}

export class ExportAllocationsQueryDto extends AllocationFilterDto {
  @ApiPropertyOptional({ enum: ['json', 'xlsx'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'xlsx'])
  format: 'json' | 'xlsx' = 'json';
}


export class ListDrawsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  poolId?: string;

  @ApiPropertyOptional({ enum: ['register', 'level_change', 'activation', 'reroll', 'expiry'] })
  @IsOptional()
  @IsIn(['register', 'level_change', 'activation', 'reroll', 'expiry'])
  reason?: DrawReason;

  @SortParam(DRAW_SORT)
  sort?: string;
}

/** For POST routes without parameters in the body: `{}` or no body passes, any field is refused. */
export class NoBodyDto {}

/** POST /admin/allocations/users/:userId/reroll: an optional key, one per dialog (a retry re-rolls once). */
export class RerollDto {
  @ApiPropertyOptional({ minLength: 8, maxLength: 64, example: 'reroll-7c1d2e3f', description: 'the same key again answers the first re-roll and draws nothing' })
  @IsOptional()
  @IsString()
  @Length(8, 64)
  @Matches(/^[\x21-\x7e]+$/, { message: 'idempotencyKey must be printable ASCII without spaces' })
  idempotencyKey?: string;
}
