import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { SortedPageQuery } from '../../../common/list-query.js';
import { VIP_GRANT_SORT } from '../domain/list-sorts.js';

export class UpdateVipLevelDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 32)
  name?: string;

  @ApiPropertyOptional({ nullable: true, description: 'null = unlimited (whole pool)' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(100_000)
  stockQuota?: number | null;

  @ApiPropertyOptional({ description: 'price of the 3-month term in fen' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  priceFen?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ maxLength: 32, example: 'Gold', description: "English name ('' = show name)" })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  nameEn?: string;

  @ApiPropertyOptional({ maxLength: 500, example: '20 stocks', description: "English description ('' = show description)" })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  descriptionEn?: string;

  @ApiPropertyOptional({ example: 'cho' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{1,31}$/)
  strategyId?: string;
}

export class GrantVipDto {
  @ApiProperty({ minimum: 1, maximum: 4 })
  @IsInt()
  level: number;

  @ApiProperty({ minimum: 1, maximum: 36 })
  @IsInt()
  @Min(1)
  @Max(36)
  months: number;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @Length(1, 200)
  reason: string;

  @ApiPropertyOptional({
    minLength: 8,
    maxLength: 64,
    example: 'grant-3f2a9c1e-5b7d',
    description: 'One per dialog: the same key again answers the first grant and extends nothing; with a different body → 409 IDEMPOTENCY_KEY_REUSED',
  })
  @IsOptional()
  @IsString()
  @Length(8, 64)
  @Matches(/^[\x21-\x7e]+$/, { message: 'idempotencyKey must be printable ASCII without spaces' })
  idempotencyKey?: string;
}

export class ListVipGrantsQueryDto extends SortedPageQuery(VIP_GRANT_SORT) {}
