import { describe, expect, it } from 'vitest';
import { planRevert } from './revert-rules.js';

const D = 86_400_000;
const now = new Date('2026-03-10T00:00:00Z');
const prices = new Map([[1, 29900], [2, 59900], [3, 99900]]);
const at = (days: number) => new Date(now.getTime() + days * D);

describe('planRevert', () => {
  it('a new grant that is still the latest ends now', () => {
    const p = planRevert({ grant: { level: 1, kind: 'new', levelBefore: 0, expiresBefore: null, expiresAfter: at(80), convertedSeconds: 0, createdAt: at(-10) }, isLatest: true, current: { level: 1, expiresAt: at(80) }, levelPrices: prices, now });
    expect(p).toEqual({ level: 1, expiresAt: now, removedMs: 80 * D, rule: 'exact' });
  });
  it('an extension goes back to the expiry before it', () => {
    const p = planRevert({ grant: { level: 1, kind: 'extend', levelBefore: 1, expiresBefore: at(20), expiresAfter: at(110), convertedSeconds: 0, createdAt: at(-1) }, isLatest: true, current: { level: 1, expiresAt: at(110) }, levelPrices: prices, now });
    expect(p.expiresAt).toEqual(at(20));
    expect(p.level).toBe(1);
  });
  it('an upgrade gives back the old level and its expiry', () => {
    const p = planRevert({ grant: { level: 2, kind: 'upgrade', levelBefore: 1, expiresBefore: at(30), expiresAfter: at(105), convertedSeconds: 15 * 86400, createdAt: at(-5) }, isLatest: true, current: { level: 2, expiresAt: at(105) }, levelPrices: prices, now });
    expect(p).toMatchObject({ level: 1, expiresAt: at(30), rule: 'exact' });
  });
  it('after a later upgrade, the bought time is taken off pro rata at the current price', () => {
    // VIP1 bought for 90 days; since then upgraded to VIP3 (price 99900): 90 d × 29900 / 99900.
    const p = planRevert({ grant: { level: 1, kind: 'new', levelBefore: 0, expiresBefore: null, expiresAfter: at(80), convertedSeconds: 0, createdAt: at(-10) }, isLatest: false, current: { level: 3, expiresAt: at(200) }, levelPrices: prices, now });
    const removed = Math.floor((90 * D * 29900) / (99900 * 1000)) * 1000;
    expect(p).toEqual({ level: 3, expiresAt: new Date(at(200).getTime() - removed), removedMs: removed, rule: 'prorated' });
  });
  it('never sets the expiry before now', () => {
    const p = planRevert({ grant: { level: 1, kind: 'new', levelBefore: 0, expiresBefore: null, expiresAfter: at(80), convertedSeconds: 0, createdAt: at(-10) }, isLatest: false, current: { level: 1, expiresAt: at(5) }, levelPrices: prices, now });
    expect(p.expiresAt).toEqual(now);
  });
});
