import { describe, expect, it, vi } from 'vitest';
vi.mock('@/api/pools', () => ({ checkActivation: vi.fn() }));
import { activationConfirmText } from './activationWarning';

const t = (key: string, v?: Record<string, unknown>) => `${key}${v ? JSON.stringify(v) : ''}`;

describe('activationConfirmText', () => {
  it('adds one line per level the pool cannot fill', async () => {
    const check = vi.fn().mockResolvedValue({ poolId: 'p', poolSize: 25, warnings: [{ level: 3, name: 'VIP3', stockQuota: 50, poolSize: 25 }] });
    const text = await activationConfirmText(t, { id: 'p', name: 'Q1' }, check);
    expect(text).toBe('pools.activateConfirm{"name":"Q1"}\n\npools.quotaWarning{"name":"VIP3","quota":50,"size":25}');
  });
  it('asks plainly when nothing is short or the check fails', async () => {
    expect(await activationConfirmText(t, { id: 'p', name: 'Q1' }, vi.fn().mockResolvedValue({ poolId: 'p', poolSize: 300, warnings: [] }))).toBe('pools.activateConfirm{"name":"Q1"}');
    expect(await activationConfirmText(t, { id: 'p', name: 'Q1' }, vi.fn().mockRejectedValue(new Error('x')))).toBe('pools.activateConfirm{"name":"Q1"}');
  });
});
