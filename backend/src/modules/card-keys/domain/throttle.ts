/**
 * Progressive lockout on wrong card codes (never on successful redeems). Per member: 5 wrong codes
 * within 15 minutes lock for 1 minute, and every further wrong code while counting doubles the
 * lock, up to an hour. Per IP the threshold is higher (an office behind one address still redeems),
 * with the same doubling. A success clears the member's counter (not the IP's).
 */
export interface ThrottleRule {
  threshold: number;
  windowMs: number;
  baseLockMs: number;
  maxLockMs: number;
}
export const MEMBER_RULE: ThrottleRule = { threshold: 5, windowMs: 15 * 60_000, baseLockMs: 60_000, maxLockMs: 3600_000 };
export const IP_RULE: ThrottleRule = { threshold: 30, windowMs: 15 * 60_000, baseLockMs: 60_000, maxLockMs: 3600_000 };

export interface ThrottleState {
  failures: number;
  windowStart: Date;
  lockedUntil: Date | null;
}

/** The state after one more wrong code at `now`. */
export function afterFailure(prev: ThrottleState | null, rule: ThrottleRule, now: Date): ThrottleState {
  const fresh = !prev || now.getTime() - prev.windowStart.getTime() > rule.windowMs;
  const failures = fresh ? 1 : prev.failures + 1;
  const windowStart = fresh ? now : prev.windowStart;
  const over = failures - rule.threshold;
  const lockedUntil = over >= 0 ? new Date(now.getTime() + Math.min(rule.maxLockMs, rule.baseLockMs * 2 ** Math.min(over, 20))) : null;
  return { failures, windowStart, lockedUntil };
}

/** Seconds left on a lock, or 0. */
export function lockSecondsLeft(state: Pick<ThrottleState, 'lockedUntil'> | null, now: Date): number {
  if (!state?.lockedUntil) return 0;
  return Math.max(0, Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 1000));
}
