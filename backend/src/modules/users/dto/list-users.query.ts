import { ApiPropertyOptional } from '@nestjs/swagger';
import type { Role } from '@zhice/shared';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination.js';

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'username or e-mail contains' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  q?: string;

  @ApiPropertyOptional({ enum: ['admin', 'agent', 'user'] })
  @IsOptional()
  @IsIn(['admin', 'agent', 'user'])
  role?: Role;

  @ApiPropertyOptional({ enum: ['active', 'disabled'] })
  @IsOptional()
  @IsIn(['active', 'disabled'])
  status?: 'active' | 'disabled';

  @ApiPropertyOptional({ description: 'effective VIP level' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(4)
  vipLevel?: number;

  @ApiPropertyOptional({ description: 'createdAt|username|email, then :asc or :desc', example: 'createdAt:desc' })
  @IsOptional()
  @Matches(/^(createdAt|username|email)(:(asc|desc))?$/)
  sort?: string;
}
