/**
 * The lockout rule (README "Sign-in lockout"; its statements are in auth.store.ts), per *source* = account + client IP, and per account:
 * - from one source: the 4th attempt after 3 failures needs a captcha; after 5 failures that source
 *   is locked out of that account for 15 minutes (the owner elsewhere is not);
 * - over all sources: after 10 failures every attempt needs a captcha; after 20 the account itself
 *   is locked for 15 minutes (a distributed guess), and that lock ends by itself.
 * A success from a source forgives the failures that had finished before it was attempted (its
 * source's and the account's), not attempts racing it: those keep their slots, so a burst that
 * contains the right password gets no fresh slots from it. Counters older than a day restart.
 */
export const CAPTCHA_AFTER_FAILURES = 3;
export const LOCK_AFTER_FAILURES = 5;
export const ACCOUNT_CAPTCHA_AFTER_FAILURES = 10;
export const ACCOUNT_LOCK_AFTER_FAILURES = 20;
export const LOCK_MS = 15 * 60_000;
export const FORGET_AFTER_MS = 24 * 3600_000;
export const ACCOUNT_SOURCE = '*';

export interface Slot {
  /** This attempt's number among the failures counted so far (this one included). */
  n: number;
  lockedUntil: Date | null;
  /** How many of those failures had finished (password checked and wrong) when this slot was claimed. */
  finishedBefore: number;
}

export type Verdict =
  | { kind: 'locked'; lockedUntil: Date }
  | { kind: 'captcha' }
  | { kind: 'free' };

/** Pure: what an attempt holding these slots may do before its password is checked. */
export function verdictFor(source: Slot, account: Slot, now: Date): Verdict {
  const locks = [source.lockedUntil, account.lockedUntil].filter((d): d is Date => !!d && d > now);
  if (locks.length) return { kind: 'locked', lockedUntil: new Date(Math.max(...locks.map((d) => d.getTime()))) };
  // More attempts in flight than the rule allows: the ones past the limit are refused as locked,
  // whatever the order in which they finish.
  if (source.n > LOCK_AFTER_FAILURES || account.n > ACCOUNT_LOCK_AFTER_FAILURES) return { kind: 'locked', lockedUntil: new Date(now.getTime() + LOCK_MS) };
  if (source.n > CAPTCHA_AFTER_FAILURES || account.n > ACCOUNT_CAPTCHA_AFTER_FAILURES) return { kind: 'captcha' };
  return { kind: 'free' };
}
