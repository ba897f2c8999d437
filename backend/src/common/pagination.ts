import type { Type as ClassType } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Paged } from '@zhice/shared';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;

export class PageQueryDto {
  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page: number = 1;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize: number = 20;
}

/**
 * A list answer's OpenAPI class (items, total, page, pageSize), the response side of `PageQueryDto`:
 * `export class XPageDto extends PageOf(XDto) {}` (the subclass names the schema).
 */
export function PageOf<T>(item: ClassType<T>): new () => Paged<T> {
  class PageDto implements Paged<T> {
    @ApiProperty({ type: [item] }) items: T[];
    @ApiProperty({ example: 1 }) total: number;
    @ApiProperty({ example: 1 }) page: number;
    @ApiProperty({ example: 20 }) pageSize: number;
  }
  return PageDto;
}

export function pageOffset(q: { page: number; pageSize: number }) {
  return { skip: (q.page - 1) * q.pageSize, take: q.pageSize };
}

export function paged<T>(items: T[], total: number, q: { page: number; pageSize: number }): Paged<T> {
  return { items, total, page: q.page, pageSize: q.pageSize };
}

/** Parses `field:asc|desc` against an allow-list, so sorting never reaches SQL unchecked. */
export function parseSort<K extends string>(
  raw: string | undefined,
  allowed: Record<K, string>,
  fallback: { column: string; dir: 'ASC' | 'DESC' },
): { column: string; dir: 'ASC' | 'DESC' } {
  if (!raw) return fallback;
  const [field, dir] = raw.split(':');
  const column = allowed[field as K];
  if (!column) return fallback;
  return { column, dir: dir?.toLowerCase() === 'asc' ? 'ASC' : 'DESC' };
}
