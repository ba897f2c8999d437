import { describe, expect, it } from 'vitest';
import { changedKeys, formatJsonValue, jsonDiff, jsonEqual } from './jsonDiff';
import { beijingInstant, filtersFromQuery } from './useOperationLogs';

describe('jsonDiff', () => {
  it('lines up both snapshots key by key and marks what changed', () => {
    const before = { level: 1, expiresAt: '2025-04-01T00:00:00.000Z', effectiveLevel: 1 };
    const after = { level: 2, expiresAt: '2025-07-01T00:00:00.000Z', kind: 'upgrade', effectiveLevel: 1 };
    expect(jsonDiff(before, after)).toEqual([
      { key: 'level', before: '1', after: '2', status: 'changed' },
      { key: 'expiresAt', before: '"2025-04-01T00:00:00.000Z"', after: '"2025-07-01T00:00:00.000Z"', status: 'changed' },
      { key: 'effectiveLevel', before: '1', after: '1', status: 'same' },
      { key: 'kind', before: null, after: '"upgrade"', status: 'added' },
    ]);
    expect(changedKeys(before, after)).toEqual(['level', 'expiresAt', 'kind']);
  });

  it('treats a missing snapshot as empty (creations, deletions)', () => {
    expect(jsonDiff(null, { username: 'bob', password: '***' })).toEqual([
      { key: 'username', before: null, after: '"bob"', status: 'added' },
      { key: 'password', before: null, after: '"***"', status: 'added' },
    ]);
    expect(jsonDiff({ email: 'a@b.cn' }, null)).toEqual([{ key: 'email', before: '"a@b.cn"', after: null, status: 'removed' }]);
    expect(jsonDiff(null, null)).toEqual([]);
  });

  it('compares nested values structurally, ignoring key order', () => {
    expect(jsonEqual({ a: [1, { b: 2, c: 3 }] }, { a: [1, { c: 3, b: 2 }] })).toBe(true);
    expect(jsonEqual({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
    expect(jsonDiff({ q: { min: 1 } }, { q: { min: 2 } })[0]?.status).toBe('changed');
    expect(jsonDiff({ email: null }, { email: 'x@y.cn' })[0]).toEqual({ key: 'email', before: 'null', after: '"x@y.cn"', status: 'changed' });
    expect(formatJsonValue({ a: 1 })).toBe('{\n  "a": 1\n}');
  });
});

describe('operation log filters', () => {
  it('sends Beijing wall-clock times as instants with offset', () => {
    expect(beijingInstant('2025-03-01 00:00:00')).toBe('2025-03-01T00:00:00+08:00');
    expect(new Date(beijingInstant('2025-03-01 23:59:59')).toISOString()).toBe('2025-03-01T15:59:59.000Z');
  });

  it('takes target filters from the route query', () => {
    expect(filtersFromQuery({ targetType: 'user', targetId: ['abc', 'def'], page: '2', action: ' ' })).toEqual({ targetType: 'user', targetId: 'abc' });
  });
});
