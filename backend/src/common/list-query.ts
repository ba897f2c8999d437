import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { PageQueryDto } from './pagination.js';

/**
 * The one helper for dynamic list SQL: bound parameters without hand-numbered `$n`, WHERE from
 * optional clauses, ORDER BY from `sort=field:asc|desc` against an allow-list of column
 * expressions (so sorting never reaches SQL unchecked), LIMIT/OFFSET bound too.
 *
 *   const p = new SqlParams();
 *   const where = sqlWhere([q.poolId && `a.pool_id = ${p.add(q.poolId, 'uuid')}`, q.active && 'a.released_at IS NULL']);
 *   const rows = await m.query(`SELECT … FROM allocations a ${where} ${sqlOrderBy(q.sort, ALLOCATION_SORT)} ${p.page(q)}`, p.values);
 */
export class SqlParams {
  readonly values: unknown[];

  constructor(initial: unknown[] = []) {
    this.values = [...initial];
  }

  /** Binds `value` and returns its placeholder (`$3`, or `$3::uuid` with a cast). */
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }

  /** `LIMIT $n OFFSET $m` for a page. */
  page(q: { page: number; pageSize: number }): string {
    return `LIMIT ${this.add(q.pageSize, 'int')} OFFSET ${this.add((q.page - 1) * q.pageSize, 'int')}`;
  }
}

/** `WHERE a AND b` of the clauses that are strings (falsy ones are skipped); '' when none. */
export function sqlWhere(clauses: ReadonlyArray<string | false | null | undefined | 0 | ''>): string {
  const kept = clauses.filter((c): c is string => typeof c === 'string' && c.length > 0);
  return kept.length > 0 ? `WHERE ${kept.join(' AND ')}` : '';
}

/** An ILIKE/LIKE pattern matching values that contain `text` literally (`%`, `_` and `\\` escaped). */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export type SortDirection = 'asc' | 'desc';

/** A list's sortable columns: API field → SQL expression; the default; a unique tie-breaker. */
export interface SortSpec<K extends string = string> {
  columns: Readonly<Record<K, string>>;
  default: { field: K; dir: SortDirection };
  /** A unique expression (`a.id`) appended so pages never overlap. */
  tieBreaker: string;
  /**
   * `false`: nulls where PostgreSQL puts them by default (last ascending, first descending), for
   * lists that sorted so before they were SQL; otherwise NULLS LAST both ways.
   */
  nullsLast?: boolean;
}

export interface ParsedSort<K extends string = string> {
  field: K;
  dir: SortDirection;
}

/** Reads `field` or `field:asc|desc` against the spec; an unknown field gives the default. */
export function parseListSort<K extends string>(raw: string | undefined, spec: SortSpec<K>): ParsedSort<K> {
  if (!raw) return spec.default;
  const [field, dir] = raw.split(':');
  if (!field || !Object.hasOwn(spec.columns, field)) return spec.default;
  return { field: field as K, dir: dir === 'asc' ? 'asc' : 'desc' };
}

/** `ORDER BY <column> ASC|DESC NULLS LAST, <tie-breaker> ASC|DESC` (without NULLS LAST when the spec says `nullsLast: false`). */
export function sqlOrderBy<K extends string>(raw: string | undefined, spec: SortSpec<K>): string {
  const { field, dir } = parseListSort(raw, spec);
  const d = dir === 'asc' ? 'ASC' : 'DESC';
  const column = spec.columns[field];
  const nulls = spec.nullsLast === false ? '' : ' NULLS LAST';
  return column === spec.tieBreaker ? `ORDER BY ${column} ${d}` : `ORDER BY ${column} ${d}${nulls}, ${spec.tieBreaker} ${d}`;
}

/** The `sort` query parameter of a list: validated against the spec's fields, documented in OpenAPI. */
export function SortParam(spec: SortSpec): PropertyDecorator {
  const fields = Object.keys(spec.columns);
  return applyDecorators(
    ApiPropertyOptional({
      description: `${fields.join('|')}, then :asc or :desc (default ${spec.default.field}:${spec.default.dir})`,
      example: `${spec.default.field}:${spec.default.dir}`,
    }),
    IsOptional(),
    Matches(new RegExp(`^(${fields.join('|')})(:(asc|desc))?$`)),
  );
}

/** A list's query DTO with paging and `sort`: `export class ListXQueryDto extends SortedPageQuery(X_SORT) {}`. */
export function SortedPageQuery(spec: SortSpec): new () => PageQueryDto & { sort?: string } {
  class SortedPageQueryDto extends PageQueryDto {
    @SortParam(spec)
    sort?: string;
  }
  return SortedPageQueryDto;
}
