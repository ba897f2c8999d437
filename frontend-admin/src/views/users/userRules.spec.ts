import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/errors';
import { fieldErrorsOf, isEmail, isStrongPassword, isValidUsername } from './userRules';

describe('user form rules', () => {
  it('mirror the server policy', () => {
    expect(isValidUsername('agent_01')).toBe(true);
    expect(isValidUsername('ab')).toBe(false);
    expect(isValidUsername('张三三')).toBe(false);
    expect(isStrongPassword('abcdefgh')).toBe(true);
    expect(isStrongPassword('12345678')).toBe(false);
    expect(isStrongPassword('short1')).toBe(false);
    expect(isEmail('a@b.cn')).toBe(true);
    expect(isEmail('a@b')).toBe(false);
  });

  it('puts refusals under their field', () => {
    const fields = ['username', 'password', 'email', 'role'];
    expect(fieldErrorsOf(new ApiError(409, 'AUTH_USERNAME_TAKEN', '用户名已被占用'), fields)).toEqual({ username: '用户名已被占用' });
    expect(fieldErrorsOf(new ApiError(400, 'AUTH_WEAK_PASSWORD', 'weak'), fields)).toEqual({ password: 'weak' });
    expect(
      fieldErrorsOf(new ApiError(400, 'VALIDATION_FAILED', 'bad', [{ field: 'email', errors: ['email must be an email'] }, { field: 'x', errors: ['?'] }]), fields),
    ).toEqual({ email: 'email must be an email' });
    expect(fieldErrorsOf(new ApiError(500, 'INTERNAL_ERROR', 'boom'), fields)).toEqual({});
  });
});
