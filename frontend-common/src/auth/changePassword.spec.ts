import { describe, expect, it } from 'vitest';
import { passwordChangeRedirect } from './changePassword';

describe('passwordChangeRedirect', () => {
  it('sends an account that must change its password to the change page, once', () => {
    expect(passwordChangeRedirect({ mustChangePassword: true }, { name: 'stocks', fullPath: '/stocks' })).toEqual({ name: 'change-password', query: { redirect: '/stocks' } });
    expect(passwordChangeRedirect({ mustChangePassword: true }, { name: 'change-password', fullPath: '/change-password' })).toBeNull();
    expect(passwordChangeRedirect({ mustChangePassword: false }, { name: 'stocks', fullPath: '/stocks' })).toBeNull();
    expect(passwordChangeRedirect(null, { name: 'stocks', fullPath: '/stocks' })).toBeNull();
  });
});
