import { describe, expect, it } from 'vitest';
import { likeContains, parseListSort, sqlOrderBy, SqlParams, sqlWhere, type SortSpec } from './list-query.js';

const SPEC: SortSpec<'id' | 'createdAt' | 'name'> = {
  columns: { id: 'x.id', createdAt: 'x.created_at', name: 'x.name' },
  default: { field: 'createdAt', dir: 'desc' },
  tieBreaker: 'x.id',
};

describe('list-query', () => {
  it('numbers parameters in binding order, with casts, and binds the page', () => {
    const p = new SqlParams(['first']);
    const where = sqlWhere([`a = ${p.add(7, 'int')}`, false, undefined, `b = ${p.add('z')}`]);
    expect(where).toBe('WHERE a = $2::int AND b = $3');
    expect(p.page({ page: 3, pageSize: 20 })).toBe('LIMIT $4::int OFFSET $5::int');
    expect(p.values).toEqual(['first', 7, 'z', 20, 40]);
    expect(sqlWhere([null, ''])).toBe('');
  });

  it('sorts only on allowed fields, with a tie-breaker in the same direction', () => {
    expect(sqlOrderBy('name:asc', SPEC)).toBe('ORDER BY x.name ASC NULLS LAST, x.id ASC');
    expect(sqlOrderBy('name', SPEC)).toBe('ORDER BY x.name DESC NULLS LAST, x.id DESC');
    expect(sqlOrderBy('id:asc', SPEC)).toBe('ORDER BY x.id ASC');
    expect(sqlOrderBy(undefined, SPEC)).toBe('ORDER BY x.created_at DESC NULLS LAST, x.id DESC');
    expect(sqlOrderBy('x.name; DROP TABLE users:asc', SPEC)).toBe('ORDER BY x.created_at DESC NULLS LAST, x.id DESC');
    expect(parseListSort('toString:asc', SPEC)).toEqual(SPEC.default);
    expect(sqlOrderBy('name', { ...SPEC, nullsLast: false })).toBe('ORDER BY x.name DESC, x.id DESC');
  });

  it('likeContains matches the text literally', () => {
    expect(likeContains('a_b%c\\d')).toBe('%a\\_b\\%c\\\\d%');
  });
});
