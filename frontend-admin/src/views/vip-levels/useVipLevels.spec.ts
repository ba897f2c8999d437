import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { VipLevelAdmin } from '@zhice/shared';

vi.mock('@/api/vipLevels', () => ({ listVipLevels: vi.fn().mockResolvedValue([]), listAdminVipLevels: vi.fn(), updateVipLevel: vi.fn() }));
vi.mock('@/api/users', () => ({ listUsers: vi.fn() }));
vi.mock('@/utils/notify', () => ({ showError: vi.fn(), showSuccess: vi.fn() }));

import { listUsers } from '@/api/users';
import { listAdminVipLevels, updateVipLevel } from '@/api/vipLevels';
import { ApiError } from '@/api/errors';
import { showError } from '@/utils/notify';
import { useVipLevels } from './useVipLevels';

const level = (n: number, patch: Partial<VipLevelAdmin> = {}): VipLevelAdmin => ({
  level: n,
  name: n === 0 ? '免费用户' : `VIP${n}`,
  stockQuota: n === 4 ? null : [5, 10, 20, 50][n] ?? 5,
  priceFen: [0, 29_900, 59_900, 99_900, 199_900][n] ?? 0,
  enabled: true,
  description: '',
  nameEn: '',
  descriptionEn: '',
  strategyId: 'cho',
  servedStrategyId: null,
  updatedAt: '2025-01-01T00:00:00.000Z',
  ...patch,
});

describe('useVipLevels', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    vi.mocked(listAdminVipLevels).mockReset().mockResolvedValue([level(2), level(0), level(1)]);
    vi.mocked(updateVipLevel).mockReset();
    vi.mocked(showError).mockReset();
    vi.mocked(listUsers).mockReset().mockResolvedValue({ items: [], total: 37, page: 1, pageSize: 1 });
  });

  it('loads the levels in order and saves a row with only its changes', async () => {
    const page = useVipLevels();
    await page.load();
    expect(page.rows.value.map((r) => r.level)).toEqual([0, 1, 2]);
    const row = page.rows.value[1]!;
    expect(await page.save(row)).toBe('unchanged');
    row.form.priceYuan = '399';
    expect(page.dirtyCount.value).toBe(1);
    vi.mocked(updateVipLevel).mockResolvedValue({ ...level(1, { priceFen: 39_900, updatedAt: '2025-02-01T00:00:00.000Z' }), reallocationJobId: null, strategyJobId: null });
    expect(await page.save(row)).toBe('saved');
    expect(updateVipLevel).toHaveBeenCalledWith(1, { priceFen: 39_900 });
    expect(row.original.updatedAt).toBe('2025-02-01T00:00:00.000Z');
    expect(row.form.priceYuan).toBe('399.00');
    expect(page.dirtyCount.value).toBe(0);
  });

  it('a changed quota answers with a re-allocation job: saved, and reported as reallocating', async () => {
    const page = useVipLevels();
    await page.load();
    const row = page.rows.value[2]!;
    row.form.stockQuota = 25;
    vi.mocked(updateVipLevel).mockResolvedValue({ ...level(2, { stockQuota: 25 }), reallocationJobId: 'job-1', strategyJobId: null });
    expect(await page.save(row)).toBe('reallocating');
    expect(updateVipLevel).toHaveBeenCalledWith(2, { stockQuota: 25 });
    expect(row.original).not.toHaveProperty('reallocationJobId');
    expect(row.original.stockQuota).toBe(25);
    expect(page.dirtyCount.value).toBe(0);
  });

  it('does not send an invalid row', async () => {
    const page = useVipLevels();
    await page.load();
    const free = page.rows.value[0]!;
    free.form.priceYuan = '1';
    expect(await page.save(free)).toBe('invalid');
    expect(updateVipLevel).not.toHaveBeenCalled();
  });

  it('puts the server field errors under the fields, and clears one when it is edited', async () => {
    const page = useVipLevels();
    await page.load();
    const row = page.rows.value[2]!;
    row.form.name = 'VIP Two';
    vi.mocked(updateVipLevel).mockRejectedValue(
      new ApiError(400, 'VALIDATION_FAILED', '请求参数不正确', [{ field: 'name', errors: ['name must be shorter'] }]),
    );
    expect(await page.save(row)).toBe('failed');
    expect(row.serverErrors.name).toBe('name must be shorter');
    expect(showError).not.toHaveBeenCalled();
    page.touch(row, 'name');
    expect(row.serverErrors.name).toBeUndefined();
  });

  it('toasts errors that belong to no field', async () => {
    const page = useVipLevels();
    await page.load();
    const row = page.rows.value[1]!;
    row.form.enabled = false;
    vi.mocked(updateVipLevel).mockRejectedValue(new ApiError(0, 'NETWORK_ERROR', 'offline'));
    expect(await page.save(row)).toBe('failed');
    expect(showError).toHaveBeenCalledTimes(1);
    page.revert(row);
    expect(row.form.enabled).toBe(true);
  });

  it('asks before a quota change, with the member count; declining sends nothing', async () => {
    const page = useVipLevels();
    await page.load();
    const row = page.rows.value[2]!;
    row.form.stockQuota = 25;
    const confirm = vi.fn().mockResolvedValue(false);
    expect(await page.save(row, confirm)).toBe('cancelled');
    expect(confirm).toHaveBeenCalledWith({ level: 2, name: 'VIP2', quota: { from: 20, to: 25 }, strategy: null, members: 37 });
    expect(listUsers).toHaveBeenCalledWith({ role: 'user', vipLevel: 2, page: 1, pageSize: 1 });
    expect(updateVipLevel).not.toHaveBeenCalled();
    expect(row.saving).toBe(false);
    expect(page.dirtyCount.value).toBe(1); // the edit stays, to save later or revert

    confirm.mockResolvedValue(true);
    vi.mocked(updateVipLevel).mockResolvedValue({ ...level(2, { stockQuota: 25 }), reallocationJobId: 'job-1', strategyJobId: null });
    expect(await page.save(row, confirm)).toBe('reallocating');
    expect(updateVipLevel).toHaveBeenCalledTimes(1);
  });

  it('asks before a strategy change; a failed count still asks (count unknown); a closed box counts as no', async () => {
    const page = useVipLevels();
    await page.load();
    const row = page.rows.value[1]!;
    row.form.strategyId = 'macd_x';
    row.form.unlimited = true;
    vi.mocked(listUsers).mockRejectedValue(new ApiError(0, 'NETWORK_ERROR', 'offline'));
    const confirm = vi.fn().mockRejectedValue(new Error('closed'));
    expect(await page.save(row, confirm)).toBe('cancelled');
    expect(confirm).toHaveBeenCalledWith({ level: 1, name: 'VIP1', quota: { from: 10, to: null }, strategy: { from: 'cho', to: 'macd_x' }, members: null });
    expect(updateVipLevel).not.toHaveBeenCalled();
    expect(showError).not.toHaveBeenCalled();
  });

  it('does not ask when neither quota nor strategy changes', async () => {
    const page = useVipLevels();
    await page.load();
    const row = page.rows.value[1]!;
    row.form.description = 'new words';
    const confirm = vi.fn();
    vi.mocked(updateVipLevel).mockResolvedValue({ ...level(1, { description: 'new words' }), reallocationJobId: null, strategyJobId: null });
    expect(await page.save(row, confirm)).toBe('saved');
    expect(confirm).not.toHaveBeenCalled();
    expect(listUsers).not.toHaveBeenCalled();
  });
});
