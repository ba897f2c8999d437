import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('@/api/pools', () => ({ previewPoolText: vi.fn(), previewPoolFile: vi.fn(), createPool: vi.fn(), activatePool: vi.fn() }));

import * as api from '@/api/pools';
import { ApiError } from '@/api/errors';
import { usePoolImport } from './usePoolImport';
import { percentOf } from './useActivationProgress';
import { toApiFilters } from './useAllocations';

const PREVIEW = {
  format: 'text' as const,
  header: null,
  valid: [
    { line: 1, tsCode: '600000.SH', name: '浦发银行', status: 'listed' as const },
    { line: 3, tsCode: '000001.SZ', name: '平安银行', status: 'listed' as const },
  ],
  invalid: [{ line: 2, value: '999999', reason: 'UNKNOWN' as const, message: '股票列表中没有 999999.SH', tsCode: '999999.SH' }],
};

describe('usePoolImport', () => {
  beforeEach(() => {
    vi.mocked(api.previewPoolText).mockReset();
    vi.mocked(api.createPool).mockReset();
  });

  it('checks pasted text, requires skipping invalid lines, and creates the draft from the valid codes', async () => {
    vi.mocked(api.previewPoolText).mockResolvedValue(PREVIEW);
    vi.mocked(api.createPool).mockResolvedValue({ id: 'p1', name: 'Q1', status: 'draft', startsOn: '2027-01-01', endsOn: '2027-03-31', stockCount: 2, createdBy: null, createdAt: '', activatedAt: null, archivedAt: null, activationJobId: null });
    const w = usePoolImport();
    expect(w.canCheck.value).toBe(false);
    w.text.value = '600000\n999999\nsz000001';
    expect(await w.check()).toBe(true);
    expect(api.previewPoolText).toHaveBeenCalledWith('600000\n999999\nsz000001');
    expect(w.step.value).toBe(1);
    expect(w.rows.value.map((r) => [r.line, r.ok])).toEqual([[1, true], [2, false], [3, true]]);
    expect(w.canCreate.value).toBe(false); // an invalid line and no "skip"
    w.form.skipInvalid = true;
    expect(w.canCreate.value).toBe(true);
    const created = await w.create();
    expect(created?.id).toBe('p1');
    expect(vi.mocked(api.createPool).mock.calls[0]![0]).toMatchObject({ codes: ['600000.SH', '000001.SZ'], skipInvalid: true });
    expect(w.step.value).toBe(3);
  });

  it('keeps the input and shows the error when the check fails', async () => {
    vi.mocked(api.previewPoolText).mockRejectedValue(new ApiError(413, 'POOL_FILE_TOO_LARGE', '文件过大'));
    const w = usePoolImport();
    w.text.value = 'x';
    expect(await w.check()).toBe(false);
    expect(w.step.value).toBe(0);
    expect(w.error.value?.code).toBe('POOL_FILE_TOO_LARGE');
  });
});

describe('helpers', () => {
  it('percentOf: 0 without a total, capped at 99 until done', () => {
    expect(percentOf(null)).toBe(0);
    expect(percentOf({ status: 'queued', processed: 0, total: 0 })).toBe(0);
    expect(percentOf({ status: 'running', processed: 50, total: 200 })).toBe(25);
    expect(percentOf({ status: 'running', processed: 200, total: 200 })).toBe(99);
    expect(percentOf({ status: 'done', processed: 0, total: 0 })).toBe(100);
  });

  it('toApiFilters drops empty values and turns the state into a boolean', () => {
    expect(toApiFilters({ poolId: '', userId: ' ', vipLevel: '', active: '', tsCode: '' })).toEqual({ poolId: undefined, userId: undefined, vipLevel: '', active: '', tsCode: undefined });
    expect(toApiFilters({ poolId: 'p', userId: 'u', vipLevel: 2, active: 'false', tsCode: '600000.sh' })).toEqual({ poolId: 'p', userId: 'u', vipLevel: 2, active: false, tsCode: '600000.SH' });
  });
});
