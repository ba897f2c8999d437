import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ref } from 'vue';
import type { UserDto, VipLevelPublic } from '@zhice/shared';

vi.mock('@/api/users', () => ({ getUserDetail: vi.fn(), grantVip: vi.fn() }));
vi.mock('@/api/vipLevels', () => ({ listVipLevels: vi.fn() }));

import { getUserDetail, grantVip } from '@/api/users';
import { listVipLevels } from '@/api/vipLevels';
import { ApiError } from '@/api/errors';
import { i18n } from '@/locales';
import { useGrantVip } from './useGrantVip';

const levels: VipLevelPublic[] = [
  { level: 0, name: '免费用户', stockQuota: 5, priceFen: 0, enabled: true, description: '' },
  { level: 1, name: 'VIP1', stockQuota: 10, priceFen: 29_900, enabled: true, description: '' },
  { level: 2, name: 'VIP2', stockQuota: 20, priceFen: 59_900, enabled: true, description: '' },
  { level: 3, name: 'VIP3', stockQuota: 50, priceFen: 99_900, enabled: false, description: '' },
  { level: 4, name: 'SVIP', stockQuota: null, priceFen: 199_900, enabled: true, description: '' },
];
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();
const member = (patch: Partial<UserDto> = {}): UserDto => ({
  id: 'u1',
  username: 'bob',
  email: null,
  emailVerified: false,
  role: 'user',
  status: 'active',
  vipLevel: 0,
  vipExpiresAt: null,
  stockQuota: 5,
  mustChangePassword: false,
  createdAt: '2025-01-01T00:00:00Z',
  ...patch,
});

describe('useGrantVip', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'en';
    vi.mocked(listVipLevels).mockReset().mockResolvedValue(levels);
    vi.mocked(getUserDetail).mockReset();
    vi.mocked(grantVip).mockReset();
  });

  it('offers the enabled paid levels and preselects the active one (an extension)', async () => {
    const user = member({ vipLevel: 2, vipExpiresAt: inDays(10), stockQuota: 20 });
    vi.mocked(getUserDetail).mockResolvedValue({ user, subscription: null });
    const g = useGrantVip(ref(user));
    await g.open(user);
    expect(g.options.value.map((l) => l.level)).toEqual([1, 2, 4]);
    expect(g.form.level).toBe(2);
    expect(g.form.months).toBe(3);
    expect(g.preview.value.kind).toBe('extend');
    expect(g.canSubmit.value).toBe(false); // no reason yet
    g.form.reason = 'support compensation';
    expect(g.canSubmit.value).toBe(true);
    g.form.level = 1;
    expect(g.preview.value).toMatchObject({ kind: 'refused', reason: 'LOWER_THAN_ACTIVE' });
    expect(g.canSubmit.value).toBe(false);
  });

  it('submits level, months and the trimmed reason and keeps the result', async () => {
    const user = member();
    vi.mocked(getUserDetail).mockResolvedValue({ user, subscription: null });
    const g = useGrantVip(ref(user));
    await g.open(user);
    expect(g.form.level).toBeNull();
    g.form.level = 2;
    g.form.reason = '  promo  ';
    const granted = { user: member({ vipLevel: 2, vipExpiresAt: inDays(92) }), grant: { kind: 'new' } };
    vi.mocked(grantVip).mockResolvedValue(granted as never);
    expect(await g.submit()).toBe(granted);
    expect(grantVip).toHaveBeenCalledWith('u1', { level: 2, months: 3, reason: 'promo', idempotencyKey: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(g.result.value).toBe(granted);
    // A second submit of the same dialog (a retry) sends the same key; a newly opened dialog a new one.
    await g.submit();
    const keys = vi.mocked(grantVip).mock.calls.map((c) => c[1].idempotencyKey);
    expect(keys[1]).toBe(keys[0]);
    await g.open(user);
    g.form.level = 2;
    g.form.reason = 'promo';
    await g.submit();
    expect(vi.mocked(grantVip).mock.calls[2]![1].idempotencyKey).not.toBe(keys[0]);
  });

  it('explains a refusal in the UI language and re-reads the membership', async () => {
    const user = member();
    vi.mocked(getUserDetail).mockResolvedValue({ user, subscription: null });
    const g = useGrantVip(ref(user));
    await g.open(user);
    g.form.level = 1;
    g.form.reason = 'x';
    vi.mocked(grantVip).mockRejectedValue(new ApiError(409, 'VIP_DOWNGRADE_NOT_ALLOWED', '…', { reason: 'LOWER_THAN_ACTIVE' }));
    expect(await g.submit()).toBeNull();
    expect(g.failure.value).toMatch(/downgrading is not allowed/);
    expect(getUserDetail).toHaveBeenCalledTimes(2);
    vi.mocked(grantVip).mockRejectedValue(new ApiError(400, 'VALIDATION_FAILED', 'bad', [{ field: 'reason', errors: ['reason must be shorter'] }]));
    await g.submit();
    expect(g.fieldErrors.value).toEqual({ reason: 'reason must be shorter' });
  });
});
