import { describe, expect, it } from 'vitest';
import { afterFailure, lockSecondsLeft, MEMBER_RULE, type ThrottleState } from './throttle.js';

describe('redeem throttle', () => {
  const t0 = new Date('2026-03-02T00:00:00Z');
  const at = (s: number) => new Date(t0.getTime() + s * 1000);

  it('locks after the threshold and doubles per further failure, capped', () => {
    let s: ThrottleState | null = null;
    for (let i = 1; i <= 4; i++) {
      s = afterFailure(s, MEMBER_RULE, at(i));
      expect(s.lockedUntil).toBeNull();
    }
    s = afterFailure(s, MEMBER_RULE, at(5));
    expect(lockSecondsLeft(s, at(5))).toBe(60);
    s = afterFailure(s, MEMBER_RULE, at(6));
    expect(lockSecondsLeft(s, at(6))).toBe(120);
    s = afterFailure(s, MEMBER_RULE, at(7));
    expect(lockSecondsLeft(s, at(7))).toBe(240);
    for (let i = 0; i < 30; i++) s = afterFailure(s, MEMBER_RULE, at(8));
    expect(lockSecondsLeft(s, at(8))).toBe(3600);
  });

  it('starts a new window after 15 minutes', () => {
    let s: ThrottleState | null = null;
    for (let i = 0; i < 4; i++) s = afterFailure(s, MEMBER_RULE, at(i));
    s = afterFailure(s, MEMBER_RULE, at(16 * 60));
    expect(s.failures).toBe(1);
    expect(s.lockedUntil).toBeNull();
  });
});
