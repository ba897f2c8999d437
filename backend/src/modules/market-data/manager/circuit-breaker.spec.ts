import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker.js';

describe('CircuitBreaker', () => {
  it('opens after the threshold of consecutive failures; a success in between resets the count', () => {
    const breaker = new CircuitBreaker(3, 1_000);
    breaker.recordFailure(0, 'a');
    breaker.recordFailure(0, 'b');
    breaker.recordSuccess();
    breaker.recordFailure(0, 'c');
    breaker.recordFailure(0, 'd');
    expect(breaker.admit(0)).toBe('pass');
    breaker.recordFailure(0, 'e');
    expect(breaker.snapshot(0)).toMatchObject({ state: 'open', consecutiveFailures: 3, retryAt: 1_000, reason: 'e' });
    expect(breaker.admit(999)).toBe('refuse');
  });

  it('lets exactly one probe through after the cooldown', () => {
    const breaker = new CircuitBreaker(3, 1_000);
    breaker.tripNow(0, 5_000, 'permanent: no permission');
    expect(breaker.wouldAdmit(4_999)).toBe(false);
    expect(breaker.snapshot(5_000).state).toBe('half_open');
    expect(breaker.admit(5_000)).toBe('probe');
    expect(breaker.wouldAdmit(5_000)).toBe(false);
    expect(breaker.admit(5_001)).toBe('refuse');
  });

  it('a failed probe reopens for a full cooldown; a successful one closes', () => {
    const breaker = new CircuitBreaker(3, 1_000);
    breaker.tripNow(0, 1_000, 'x');
    breaker.admit(1_000);
    breaker.recordFailure(1_000, 'still failing');
    expect(breaker.snapshot(1_500)).toMatchObject({ state: 'open', retryAt: 2_000 });
    expect(breaker.admit(2_000)).toBe('probe');
    breaker.recordSuccess();
    expect(breaker.snapshot(2_000)).toMatchObject({ state: 'closed', consecutiveFailures: 0, reason: null });
  });

  it('a probe without a verdict frees the slot for the next caller', () => {
    const breaker = new CircuitBreaker(1, 1_000);
    breaker.recordFailure(0, 'x');
    expect(breaker.admit(1_000)).toBe('probe');
    breaker.releaseProbe();
    expect(breaker.admit(1_000)).toBe('probe');
  });
});
