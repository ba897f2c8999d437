import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { lockedUntilOf } from './lockedUntil';

describe('lockedUntilOf', () => {
  it('reads details.lockedUntil when it is a string', () => {
    expect(lockedUntilOf(new ApiError(423, 'AUTH_LOCKED', 'locked', { lockedUntil: '2025-01-01T00:00:00Z' }))).toBe('2025-01-01T00:00:00Z');
    expect(lockedUntilOf(new ApiError(423, 'AUTH_LOCKED', 'locked', { lockedUntil: 5 }))).toBeNull();
    expect(lockedUntilOf(new ApiError(423, 'AUTH_LOCKED', 'locked'))).toBeNull();
  });
});
