import { describe, expect, it } from 'vitest';
import { fenToYuan } from '@zhice/shared';
import { activeLevelOf, addMonthsShanghai, canSubmitGrant, explainGrant, grantErrorKey, previewGrant, type GrantLevel } from './grantPreview';

const levels: GrantLevel[] = [
  { level: 0, name: '免费用户', priceFen: 0, enabled: true },
  { level: 1, name: 'VIP1', priceFen: 29_900, enabled: true },
  { level: 2, name: 'VIP2', priceFen: 59_900, enabled: true },
  { level: 3, name: 'VIP3', priceFen: 99_900, enabled: false },
  { level: 4, name: 'SVIP', priceFen: 199_900, enabled: true },
];
const now = new Date('2025-03-01T10:00:00+08:00');
const at = (iso: string) => new Date(iso);

describe('addMonthsShanghai', () => {
  it('adds calendar months on the Beijing clock, clamping to the month end', () => {
    expect(addMonthsShanghai(at('2025-01-31T10:00:00+08:00'), 1).toISOString()).toBe(at('2025-02-28T10:00:00+08:00').toISOString());
    expect(addMonthsShanghai(at('2024-01-31T10:00:00+08:00'), 1).toISOString()).toBe(at('2024-02-29T10:00:00+08:00').toISOString());
    // 23:30 on Mar 31 in Beijing is still Mar 31 there although it is Mar 31 15:30 UTC
    expect(addMonthsShanghai(at('2025-03-31T23:30:00+08:00'), 3).toISOString()).toBe(at('2025-06-30T23:30:00+08:00').toISOString());
    expect(addMonthsShanghai(at('2025-11-15T00:00:00+08:00'), 3).toISOString()).toBe(at('2026-02-15T00:00:00+08:00').toISOString());
  });
});

describe('previewGrant', () => {
  it('waits for level and months', () => {
    expect(previewGrant({ active: null, levels, level: null, months: 3, now })).toEqual({ kind: 'incomplete' });
    expect(previewGrant({ active: null, levels, level: 2, months: null, now })).toEqual({ kind: 'incomplete' });
  });

  it('starts a new term when nothing paid is active', () => {
    const p = previewGrant({ active: null, levels, level: 2, months: 3, now });
    expect(p).toEqual({ kind: 'new', level: 2, expiresAt: at('2025-06-01T10:00:00+08:00') });
    expect(canSubmitGrant(p)).toBe(true);
    // an expiry in the past is no active level
    const expired = previewGrant({ active: { level: 4, expiresAt: at('2025-02-01T00:00:00+08:00') }, levels, level: 1, months: 1, now });
    expect(expired.kind).toBe('new');
  });

  it('extends the same level from the old expiry', () => {
    const active = { level: 2, expiresAt: at('2025-04-15T09:00:00+08:00') };
    expect(previewGrant({ active, levels, level: 2, months: 3, now })).toEqual({
      kind: 'extend',
      level: 2,
      expiresBefore: active.expiresAt,
      expiresAt: at('2025-07-15T09:00:00+08:00'),
    });
  });

  it('upgrades now and converts the unused value by price into extra time', () => {
    // VIP1 with exactly 45 days left → half a term worth 149.50 yuan; at VIP2's price that buys 45 × 299/599 days
    const active = { level: 1, expiresAt: new Date(now.getTime() + 45 * 86_400_000) };
    const p = previewGrant({ active, levels, level: 2, months: 3, now });
    expect(p.kind).toBe('upgrade');
    if (p.kind !== 'upgrade') return;
    const expectedMs = Math.floor((45 * 86_400_000 * 29_900) / (59_900 * 1000)) * 1000;
    expect(p.convertedMs).toBe(expectedMs);
    expect(p.convertedValueFen).toBe(14_950);
    expect(p.convertedDays).toBe(22.46);
    expect(p.expiresAt.getTime()).toBe(at('2025-06-01T10:00:00+08:00').getTime() + expectedMs);
    expect(p.fromLevel).toBe(1);
  });

  it('refuses a downgrade while the higher level is active, and disabled or unknown levels', () => {
    const active = { level: 4, expiresAt: at('2025-05-01T00:00:00+08:00') };
    const down = previewGrant({ active, levels, level: 2, months: 3, now });
    expect(down).toMatchObject({ kind: 'refused', reason: 'LOWER_THAN_ACTIVE', fromLevel: 4, level: 2 });
    expect(canSubmitGrant(down)).toBe(false);
    expect(previewGrant({ active: null, levels, level: 3, months: 3, now })).toMatchObject({ kind: 'refused', reason: 'LEVEL_DISABLED' });
    expect(previewGrant({ active: null, levels, level: 7, months: 3, now })).toMatchObject({ kind: 'refused', reason: 'UNKNOWN_LEVEL' });
    expect(previewGrant({ active: null, levels, level: 0, months: 3, now })).toMatchObject({ kind: 'refused', reason: 'UNKNOWN_LEVEL' });
    expect(previewGrant({ active: null, levels, level: 1, months: 37, now })).toMatchObject({ kind: 'refused', reason: 'MONTHS_OUT_OF_RANGE' });
    expect(previewGrant({ active: null, levels, level: 1, months: 1.5, now })).toMatchObject({ kind: 'refused', reason: 'MONTHS_OUT_OF_RANGE' });
  });

  it('refuses converting into a free level', () => {
    const priced = levels.map((l) => (l.level === 4 ? { ...l, priceFen: 0 } : l));
    const active = { level: 2, expiresAt: at('2025-05-01T00:00:00+08:00') };
    expect(previewGrant({ active, levels: priced, level: 4, months: 1, now })).toMatchObject({ kind: 'refused', reason: 'UNPRICED_TARGET' });
  });

  it('reads the active level from a user row (effective level, null when free)', () => {
    expect(activeLevelOf({ vipLevel: 2, vipExpiresAt: '2025-04-01T00:00:00+08:00' }, now)).toEqual({ level: 2, expiresAt: at('2025-04-01T00:00:00+08:00') });
    expect(activeLevelOf({ vipLevel: 0, vipExpiresAt: null }, now)).toBeNull();
    expect(activeLevelOf({ vipLevel: 2, vipExpiresAt: '2025-02-01T00:00:00+08:00' }, now)).toBeNull();
  });
});

describe('grantErrorKey', () => {
  it('maps refusals to our own messages', () => {
    expect(grantErrorKey({ code: 'VIP_DOWNGRADE_NOT_ALLOWED', details: { reason: 'LOWER_THAN_ACTIVE' } })).toBe('downgrade');
    expect(grantErrorKey({ code: 'VIP_LEVEL_DISABLED', details: undefined })).toBe('levelDisabled');
    expect(grantErrorKey({ code: 'VIP_INVALID_GRANT', details: { reason: 'NOT_A_MEMBER' } })).toBe('reasons.NOT_A_MEMBER');
    expect(grantErrorKey({ code: 'VIP_INVALID_GRANT', details: { reason: 'SOMETHING_NEW' } })).toBe('invalid');
    expect(grantErrorKey({ code: 'NETWORK_ERROR', details: undefined })).toBeNull();
  });
});

describe('explainGrant', () => {
  const name = (n: number) => levels.find((l) => l.level === n)?.name ?? `L${n}`;
  const time = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '—');
  const explain = (active: { level: number; expiresAt: Date } | null, level: number, months: number) =>
    explainGrant(previewGrant({ active, levels, level, months, now }), months, name, time, fenToYuan);

  it('says nothing until the form is complete', () => {
    expect(explainGrant({ kind: 'incomplete' }, 3, name, time, fenToYuan)).toBeNull();
  });

  it('explains a new term and an extension with the resulting expiry', () => {
    expect(explain(null, 2, 3)).toEqual({ type: 'info', titleKey: 'newTitle', textKey: 'new', params: { level: 'VIP2', months: 3, date: '2025-06-01' } });
    expect(explain({ level: 2, expiresAt: at('2025-04-15T09:00:00+08:00') }, 2, 6)).toEqual({
      type: 'info',
      titleKey: 'extendTitle',
      textKey: 'extend',
      params: { level: 'VIP2', months: 6, before: '2025-04-15', date: '2025-10-15' },
    });
  });

  it('explains the upgrade credit in yuan and days', () => {
    const e = explain({ level: 1, expiresAt: new Date(now.getTime() + 45 * 86_400_000) }, 2, 3);
    expect(e).toMatchObject({ type: 'success', textKey: 'upgrade', params: { from: 'VIP1', level: 'VIP2', value: '149.50', days: 22.46 } });
    const free = levels.map((l) => (l.level === 1 ? { ...l, priceFen: 0 } : l));
    const noCredit = explainGrant(
      previewGrant({ active: { level: 1, expiresAt: at('2025-04-01T00:00:00+08:00') }, levels: free, level: 2, months: 3, now }),
      3,
      name,
      time,
      fenToYuan,
    );
    expect(noCredit?.textKey).toBe('upgradeNoCredit');
  });

  it('explains a refused downgrade with the active level and its expiry', () => {
    expect(explain({ level: 4, expiresAt: at('2025-05-01T00:00:00+08:00') }, 1, 3)).toEqual({
      type: 'error',
      titleKey: 'refusedTitle',
      textKey: 'refused.LOWER_THAN_ACTIVE',
      params: { from: 'SVIP', level: 'VIP1', before: '2025-04-30', min: 1, max: 36 },
    });
  });
});
