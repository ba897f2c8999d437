import { describe, expect, it } from 'vitest';
import { isEmail, isLinkError, isStrongPassword, isValidUsername, tokenFromQuery } from './rules';

describe('account rules', () => {
  it('password: at least 8 characters, not all digits', () => {
    expect(isStrongPassword('abcd1234')).toBe(true);
    expect(isStrongPassword('12345678')).toBe(false);
    expect(isStrongPassword('abc123')).toBe(false);
    expect(isStrongPassword('密码密码密码密码')).toBe(true);
  });

  it('username: 3–32 of [A-Za-z0-9_]', () => {
    expect(isValidUsername('bob_1')).toBe(true);
    expect(isValidUsername('ab')).toBe(false);
    expect(isValidUsername('a'.repeat(33))).toBe(false);
    expect(isValidUsername('bob-1')).toBe(false);
    expect(isValidUsername('张三abc')).toBe(false);
  });

  it('e-mail and link tokens', () => {
    expect(isEmail('a@b.cn')).toBe(true);
    expect(isEmail('a@b')).toBe(false);
    expect(tokenFromQuery(' abc ')).toBe('abc');
    expect(tokenFromQuery(['x', 'y'])).toBe('x');
    expect(tokenFromQuery(undefined)).toBeNull();
    expect(tokenFromQuery('')).toBeNull();
    expect(isLinkError('AUTH_LINK_EXPIRED')).toBe(true);
    expect(isLinkError('AUTH_WEAK_PASSWORD')).toBe(false);
  });
});
