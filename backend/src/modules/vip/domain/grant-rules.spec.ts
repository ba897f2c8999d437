import { describe, expect, it } from 'vitest';
import { planGrant, TERM_MS, type GrantInput, type GrantOutcome, type GrantPlan } from './grant-rules.js';
import { addMonthsShanghai, DAY_MS, formatShanghai } from '@zhice/shared';
import { DEFAULT_VIP_LEVELS, effectiveLevel, priceMap, quotaOf } from './vip-levels.js';

process.env.TZ = 'Asia/Shanghai';

const prices = priceMap(DEFAULT_VIP_LEVELS); // 0 / 29900 / 59900 / 99900 / 199900
const at = (s: string) => new Date(s);
const sh = (d: Date) => formatShanghai(d);
const NOW = at('2025-03-10T10:00:00+08:00');

function plan(input: Partial<GrantInput> & Pick<GrantInput, 'grant'>): GrantOutcome {
  return planGrant({ current: null, levelPrices: prices, now: NOW, ...input });
}
function ok(o: GrantOutcome): GrantPlan {
  if (o.kind === 'refused') throw new Error(`refused: ${o.code} ${o.reason}`);
  return o;
}

describe('TZ', () => {
  it('is pinned to Asia/Shanghai', () => {
    expect(process.env.TZ).toBe('Asia/Shanghai');
  });
});

describe('defaults and effective level', () => {
  it('has the five default levels', () => {
    expect(DEFAULT_VIP_LEVELS.map((l) => [l.level, l.name, l.stockQuota, l.priceFen])).toEqual([
      [0, '免费用户', 5, 0],
      [1, 'VIP1', 10, 29900],
      [2, 'VIP2', 20, 59900],
      [3, 'VIP3', 50, 99900],
      [4, 'SVIP', null, 199900],
    ]);
    expect(quotaOf(DEFAULT_VIP_LEVELS, 4)).toBeNull();
    expect(quotaOf(DEFAULT_VIP_LEVELS, 2)).toBe(20);
  });

  it('is the level while expiresAt > now, else 0', () => {
    const exp = at('2025-03-10T10:00:00+08:00');
    expect(effectiveLevel({ level: 3, expiresAt: exp }, new Date(exp.getTime() - 1))).toBe(3);
    expect(effectiveLevel({ level: 3, expiresAt: exp }, exp)).toBe(0);
    expect(effectiveLevel({ level: 3, expiresAt: null }, NOW)).toBe(0);
    expect(effectiveLevel(null, NOW)).toBe(0);
  });
});

describe('month arithmetic (Asia/Shanghai, clamped)', () => {
  it('clamps to the end of the month', () => {
    expect(sh(addMonthsShanghai(at('2025-01-31T12:00:00+08:00'), 1))).toBe('2025-02-28T12:00:00.000+08:00');
    expect(sh(addMonthsShanghai(at('2024-01-31T12:00:00+08:00'), 1))).toBe('2024-02-29T12:00:00.000+08:00');
    expect(sh(addMonthsShanghai(at('2025-08-31T23:59:59+08:00'), 3))).toBe('2025-11-30T23:59:59.000+08:00');
    expect(sh(addMonthsShanghai(at('2025-11-30T08:00:00+08:00'), 3))).toBe('2026-02-28T08:00:00.000+08:00');
    expect(sh(addMonthsShanghai(at('2025-03-31T08:00:00+08:00'), -1))).toBe('2025-02-28T08:00:00.000+08:00');
  });

  it('uses the Shanghai date, not the UTC date', () => {
    // 2025-01-30T16:30Z is Jan 31 00:30 in Shanghai → Feb 28 00:30 Shanghai (UTC arithmetic would give Mar 1).
    expect(addMonthsShanghai(at('2025-01-30T16:30:00Z'), 1).toISOString()).toBe('2025-02-27T16:30:00.000Z');
  });
});

describe('planGrant', () => {
  it('new grant when nothing is active', () => {
    const p = ok(plan({ grant: { level: 1, months: 3 } }));
    expect(p).toMatchObject({ kind: 'new', level: 1, previousLevel: 0, previousExpiresAt: null, convertedMs: 0 });
    expect(sh(p.startsAt)).toBe('2025-03-10T10:00:00.000+08:00');
    expect(sh(p.expiresAt)).toBe('2025-06-10T10:00:00.000+08:00');
  });

  it('same level extends from the current expiry', () => {
    const current = { level: 2, expiresAt: at('2025-04-05T18:30:00+08:00') };
    const p = ok(plan({ current, grant: { level: 2, months: 3 } }));
    expect(p.kind).toBe('extend');
    expect(p.previousLevel).toBe(2);
    expect(sh(p.startsAt)).toBe('2025-04-05T18:30:00.000+08:00');
    expect(sh(p.expiresAt)).toBe('2025-07-05T18:30:00.000+08:00');
    expect(p.previousExpiresAt).toBe(current.expiresAt);
  });

  it('same level extends with month-end clamping', () => {
    const current = { level: 1, expiresAt: at('2025-05-31T09:00:00+08:00') };
    expect(sh(ok(plan({ current, grant: { level: 1, months: 1 } })).expiresAt)).toBe('2025-06-30T09:00:00.000+08:00');
    expect(sh(ok(plan({ current, grant: { level: 1, months: 9 } })).expiresAt)).toBe('2026-02-28T09:00:00.000+08:00');
  });

  it('new grant from the end of January lands on Feb 28/29', () => {
    const now = at('2024-01-31T20:00:00+08:00');
    expect(sh(ok(plan({ now, grant: { level: 3, months: 1 } })).expiresAt)).toBe('2024-02-29T20:00:00.000+08:00');
  });

  // Golden cases: VIP1 (29,900 fen) → VIP2 (59,900 fen), 3 months, now = 2025-03-10 10:00 +08:00.
  // convertedMs = floor(remainingMs × 29900 / (59900 × 1000)) × 1000; expiry = 2025-06-10 10:00 + convertedMs.
  it.each([
    // days left, convertedMs, days, value fen, expiry
    [10, 431_278_000, 4.99, 3322, '2025-06-15T09:47:58.000+08:00'],
    [45, 1_940_754_000, 22.46, 14950, '2025-07-02T21:05:54.000+08:00'],
    [89, 3_838_381_000, 44.42, 29567, '2025-07-24T20:13:01.000+08:00'],
  ])('upgrade VIP1 → VIP2 with %i days left', (days, convertedMs, convertedDays, valueFen, expiry) => {
    const current = { level: 1, expiresAt: new Date(NOW.getTime() + days * DAY_MS) };
    const p = ok(plan({ current, grant: { level: 2, months: 3 } }));
    expect(p).toMatchObject({ kind: 'upgrade', level: 2, previousLevel: 1, convertedMs, convertedDays, convertedValueFen: valueFen });
    expect(p.startsAt).toEqual(NOW);
    expect(sh(p.expiresAt)).toBe(expiry);
  });

  it('upgrade conversion: formula check against the term definition', () => {
    // A full 90-day term of VIP3 (99,900) into SVIP (199,900): 90 × 99900/199900 days, floored to seconds.
    const current = { level: 3, expiresAt: new Date(NOW.getTime() + TERM_MS) };
    const p = ok(plan({ current, grant: { level: 4, months: 1 } }));
    expect(p.convertedValueFen).toBe(99_900);
    expect(p.convertedMs).toBe(Math.floor((TERM_MS / 1000) * (99_900 / 199_900)) * 1000);
    expect(p.convertedMs).toBe(3_886_055_000); // 44 d 23:27:35
    expect(sh(p.expiresAt)).toBe('2025-05-25T09:27:35.000+08:00');
  });

  it('upgrade from an expired level is a new grant from now (no conversion)', () => {
    const current = { level: 3, expiresAt: at('2025-03-09T10:00:00+08:00') };
    const p = ok(plan({ current, grant: { level: 4, months: 3 } }));
    expect(p).toMatchObject({ kind: 'new', previousLevel: 0, convertedMs: 0, previousExpiresAt: current.expiresAt });
    expect(sh(p.expiresAt)).toBe('2025-06-10T10:00:00.000+08:00');
  });

  it('a lower level after expiry is a new grant, not a downgrade', () => {
    const current = { level: 4, expiresAt: NOW }; // expires exactly now → inactive
    expect(ok(plan({ current, grant: { level: 1, months: 1 } })).kind).toBe('new');
  });

  it('lower level while a higher one is active is refused', () => {
    const current = { level: 3, expiresAt: at('2025-04-01T00:00:00+08:00') };
    expect(plan({ current, grant: { level: 2, months: 3 } })).toMatchObject({
      kind: 'refused',
      code: 'VIP_DOWNGRADE_NOT_ALLOWED',
    });
  });

  it('old price 0 → upgrade without conversion', () => {
    const levelPrices = new Map(prices).set(1, 0);
    const current = { level: 1, expiresAt: new Date(NOW.getTime() + 30 * DAY_MS) };
    const p = ok(plan({ current, levelPrices, grant: { level: 2, months: 3 } }));
    expect(p).toMatchObject({ kind: 'upgrade', convertedMs: 0, convertedValueFen: 0 });
    expect(sh(p.expiresAt)).toBe('2025-06-10T10:00:00.000+08:00');
  });

  it('new price 0 with a paid active level → VIP_INVALID_GRANT; both 0 → plain upgrade', () => {
    const current = { level: 1, expiresAt: new Date(NOW.getTime() + 30 * DAY_MS) };
    const freeVip2 = new Map(prices).set(2, 0);
    expect(plan({ current, levelPrices: freeVip2, grant: { level: 2, months: 3 } })).toMatchObject({
      kind: 'refused',
      code: 'VIP_INVALID_GRANT',
      reason: 'UNPRICED_TARGET',
    });
    const bothFree = new Map(freeVip2).set(1, 0);
    expect(ok(plan({ current, levelPrices: bothFree, grant: { level: 2, months: 3 } })).convertedMs).toBe(0);
    // a price-0 level can still be granted fresh
    expect(ok(plan({ levelPrices: freeVip2, grant: { level: 2, months: 3 } })).kind).toBe('new');
  });

  it.each([
    [{ level: 0, months: 3 }, 'FREE_LEVEL'],
    [{ level: 5, months: 3 }, 'UNKNOWN_LEVEL'],
    [{ level: 1.5, months: 3 }, 'UNKNOWN_LEVEL'],
    [{ level: 1, months: 0 }, 'MONTHS_OUT_OF_RANGE'],
    [{ level: 1, months: 37 }, 'MONTHS_OUT_OF_RANGE'],
    [{ level: 1, months: 2.5 }, 'MONTHS_OUT_OF_RANGE'],
    [{ level: 1, months: Number.NaN }, 'MONTHS_OUT_OF_RANGE'],
  ])('refuses %o as VIP_INVALID_GRANT (%s)', (grant, reason) => {
    expect(plan({ grant })).toMatchObject({ kind: 'refused', code: 'VIP_INVALID_GRANT', reason });
  });

  it('accepts 1 and 36 months', () => {
    expect(sh(ok(plan({ grant: { level: 1, months: 1 } })).expiresAt)).toBe('2025-04-10T10:00:00.000+08:00');
    expect(sh(ok(plan({ grant: { level: 1, months: 36 } })).expiresAt)).toBe('2028-03-10T10:00:00.000+08:00');
  });
});
