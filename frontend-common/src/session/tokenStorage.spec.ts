import { beforeEach, describe, expect, it } from 'vitest';
import { createTokenStorage } from './tokenStorage';

describe('token storage', () => {
  beforeEach(() => localStorage.clear());

  it('keeps each SPA under its own keys', () => {
    const admin = createTokenStorage('zhice.admin');
    const user = createTokenStorage('zhice.user');
    expect(admin.accessTokenKey).toBe('zhice.admin.accessToken');
    expect(admin.refreshTokenKey).toBe('zhice.admin.refreshToken');
    expect(user.accessTokenKey).toBe('zhice.user.accessToken');
    expect(user.refreshTokenKey).toBe('zhice.user.refreshToken');
  });

  it('writes, reads and removes values', () => {
    const s = createTokenStorage('zhice.user');
    s.write(s.accessTokenKey, 'a1');
    expect(localStorage.getItem('zhice.user.accessToken')).toBe('a1');
    expect(s.read(s.accessTokenKey)).toBe('a1');
    s.write(s.accessTokenKey, null);
    expect(s.read(s.accessTokenKey)).toBeNull();
  });
});
