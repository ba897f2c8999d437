import { describe, expect, it } from 'vitest';
import { LOCK_MS, verdictFor } from './login-throttle.js';

const now = new Date('2026-03-02T02:00:00Z');
const slot = (n: number, lockedUntil: Date | null = null) => ({ n, lockedUntil, finishedBefore: 0 });

describe('verdictFor', () => {
  it('lets the first 3 attempts of a source through, asks a captcha for the 4th and 5th, refuses the 6th', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => verdictFor(slot(n), slot(n), now).kind)).toEqual(['free', 'free', 'free', 'captcha', 'captcha', 'locked', 'locked']);
  });
  it('asks a captcha from everyone after 10 failures on the account and locks it after 20', () => {
    expect(verdictFor(slot(1), slot(11), now).kind).toBe('captcha');
    expect(verdictFor(slot(1), slot(21), now)).toEqual({ kind: 'locked', lockedUntil: new Date(now.getTime() + LOCK_MS) });
  });
  it('a running lock wins; an ended one does not count', () => {
    const until = new Date(now.getTime() + 60_000);
    expect(verdictFor(slot(1, until), slot(1), now)).toEqual({ kind: 'locked', lockedUntil: until });
    expect(verdictFor(slot(1, new Date(now.getTime() - 1)), slot(1), now).kind).toBe('free');
  });
});
