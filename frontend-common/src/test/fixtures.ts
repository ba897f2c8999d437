import type { AuthResult, UserDto } from '@zhice/shared';

/** A signed-in person as GET /me returns it. */
export function testUser(overrides: Partial<UserDto> = {}): UserDto {
  return {
    id: 'u1',
    username: 'alice',
    email: 'alice@example.com',
    emailVerified: true,
    role: 'user',
    status: 'active',
    vipLevel: 0,
    vipExpiresAt: null,
    stockQuota: 5,
    createdAt: '2025-01-01T00:00:00+08:00',
    mustChangePassword: false,
    ...overrides,
  };
}

/** A login / register answer: tokens a1 / r1 and the user. */
export function testAuthResult(user: UserDto = testUser()): AuthResult {
  return { accessToken: 'a1', refreshToken: 'r1', user };
}
