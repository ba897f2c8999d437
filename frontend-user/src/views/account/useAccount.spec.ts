import { describe, expect, it } from 'vitest';
import type { UserDto } from '@zhice/shared';
import { membershipOf } from './useAccount';

const base: UserDto = {
  id: 'u1',
  username: 'bob',
  email: null,
  emailVerified: false,
  role: 'user',
  status: 'active',
  vipLevel: 2,
  vipExpiresAt: '2025-04-01T00:00:00+08:00',
  stockQuota: 20,
  mustChangePassword: false,
  createdAt: '2025-01-01T00:00:00+08:00',
};
const names = (level: number) => ['免费用户', 'VIP1', 'VIP2', 'VIP3', 'SVIP'][level] ?? `VIP${level}`;

describe('membershipOf', () => {
  it('names the level and counts the days left', () => {
    const m = membershipOf(base, names, new Date('2025-03-01T00:00:00+08:00'));
    expect(m).toEqual({ levelName: 'VIP2', expiresAt: base.vipExpiresAt, daysLeft: 31, stockQuota: 20 });
  });

  it('keeps null quota (unlimited) and no expiry for free members', () => {
    const m = membershipOf({ ...base, vipLevel: 4, stockQuota: null }, names);
    expect(m.levelName).toBe('SVIP');
    expect(m.stockQuota).toBeNull();
    expect(membershipOf({ ...base, vipLevel: 0, vipExpiresAt: null }, names).daysLeft).toBeNull();
  });
});
