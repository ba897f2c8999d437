import type { DataSourceBreakerState } from '@zhice/shared';

/**
 * A circuit breaker on the manager's clock. Written here rather than taken from cockatiel because
 * cockatiel's breaker reads Date.now() (tests could not move time through the cooldown) and its
 * breaker strategy never sees the error, so "a permanent error opens it at once" would need hacks.
 *
 * closed → (threshold consecutive failures, or tripNow) → open → (cooldown elapsed) → one probe
 * (half-open) → success closes it, failure reopens it for another cooldown.
 */
export type Admission = 'pass' | 'probe' | 'refuse';

export interface BreakerSnapshot {
  state: DataSourceBreakerState;
  consecutiveFailures: number;
  openedAt: number | null;
  retryAt: number | null;
  reason: string | null;
}

export class CircuitBreaker {
  private open = false;
  private consecutiveFailures = 0;
  private openedAt: number | null = null;
  private retryAt: number | null = null;
  private reason: string | null = null;
  private probeInFlight = false;

  constructor(
    private readonly failureThreshold: number,
    private readonly cooldownMs: number,
  ) {}

  /** Would a call be let through now? Has no side effects (unlike admit). */
  wouldAdmit(now: number): boolean {
    if (!this.open) return true;
    return now >= (this.retryAt ?? 0) && !this.probeInFlight;
  }

  /** Lets a call through; after the cooldown exactly one call becomes the half-open probe. */
  admit(now: number): Admission {
    if (!this.open) return 'pass';
    if (now < (this.retryAt ?? 0) || this.probeInFlight) return 'refuse';
    this.probeInFlight = true;
    return 'probe';
  }

  recordSuccess(): void {
    this.open = false;
    this.consecutiveFailures = 0;
    this.openedAt = null;
    this.retryAt = null;
    this.reason = null;
    this.probeInFlight = false;
  }

  /** Counts a failure; opens when the threshold is reached or when a probe fails. */
  recordFailure(now: number, reason: string): void {
    this.consecutiveFailures += 1;
    if (this.open || this.consecutiveFailures >= this.failureThreshold) this.trip(now, this.cooldownMs, reason);
  }

  /** Opens at once, e.g. for a permanent error or an exhausted quota window. */
  tripNow(now: number, openForMs: number, reason: string): void {
    this.consecutiveFailures += 1;
    this.trip(now, openForMs, reason);
  }

  /** A probe that ended without a verdict (e.g. rate-limited) must not block the next one. */
  releaseProbe(): void {
    this.probeInFlight = false;
  }

  snapshot(now: number): BreakerSnapshot {
    const state: DataSourceBreakerState = !this.open ? 'closed' : now >= (this.retryAt ?? 0) ? 'half_open' : 'open';
    return {
      state,
      consecutiveFailures: this.consecutiveFailures,
      openedAt: this.openedAt,
      retryAt: this.retryAt,
      reason: this.reason,
    };
  }

  private trip(now: number, openForMs: number, reason: string): void {
    this.open = true;
    this.openedAt = now;
    this.retryAt = now + openForMs;
    this.reason = reason;
    this.probeInFlight = false;
  }
}
