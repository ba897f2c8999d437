import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './password-policy.js';

describe('password policy', () => {
  it('needs 8+ characters and not only digits', () => {
    expect(passwordProblem('short1')).toBe('too_short');
    expect(passwordProblem('12345678')).toBe('all_digits');
    expect(passwordProblem('abcd1234')).toBeNull();
    expect(passwordProblem('x'.repeat(129))).toBe('too_long');
  });
  it('hashes with argon2id and verifies', async () => {
    const h = await hashPassword('correct horse');
    expect(h.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(h, 'correct horse')).toBe(true);
    expect(await verifyPassword(h, 'wrong horse')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });
});
