import { describe, expect, it } from 'vitest';
import { maskSecrets } from './mask.js';

describe('maskSecrets', () => {
  it('masks secret-looking keys at any depth and keeps the rest', () => {
    const input = { username: 'a', password: 'p', nested: { refreshToken: 't', list: [{ apiKey: 'k', n: 1 }] }, captchaCode: 'x', email: null };
    expect(maskSecrets(input)).toEqual({ username: 'a', password: '***', nested: { refreshToken: '***', list: [{ apiKey: '***', n: 1 }] }, captchaCode: '***', email: null });
    expect(input.password).toBe('p');
  });
});
