/**
 * What the admin controls (order, enable switches, rate limits, timeouts) and the resilience timings
 * (retry backoff, breaker cooldowns) that tests shrink to milliseconds.
 */

export interface ProviderRateLimit {
  /** Never more than this many calls in any window of `intervalMs` (Tushare counts per minute). */
  maxCalls: number;
  intervalMs: number;
}

export interface ProviderSettings {
  enabled: boolean;
  /** Null or absent = no local limit. */
  rateLimit?: ProviderRateLimit | null;
  /** Per-call timeout; falls back to ResiliencePolicy.defaultTimeoutMs. */
  timeoutMs?: number;
}

export interface DataSourceSettings {
  /** Priority, first tried first. Registered providers missing here are tried last (if enabled). */
  order: readonly string[];
  providers: Readonly<Record<string, ProviderSettings>>;
}

/** Tushare → AKShare; the synthetic demo source only when an admin (or DEMO_PROVIDER_ENABLED) turns it on. */
export const DEFAULT_DATA_SOURCE_SETTINGS: DataSourceSettings = {
  order: ['tushare', 'akshare', 'demo'],
  providers: {
    tushare: { enabled: true, rateLimit: { maxCalls: 200, intervalMs: 60_000 }, timeoutMs: 30_000 },
    // Eastmoney blocks IPs that poll every couple of seconds, so AKShare is paced well below that.
    akshare: { enabled: true, rateLimit: { maxCalls: 20, intervalMs: 60_000 }, timeoutMs: 30_000 },
    demo: { enabled: false, rateLimit: null, timeoutMs: 5_000 },
  },
};

export interface ResiliencePolicy {
  retry: {
    /** Retries after the first attempt, for transient errors only. */
    maxRetries: number;
    initialDelayMs: number;
    maxDelayMs: number;
  };
  breaker: {
    /** Consecutive failed calls (after retries) on one provider+API before that breaker opens. */
    apiFailureThreshold: number;
    /** Consecutive transient failures across all APIs of a provider before the provider breaker opens. */
    providerFailureThreshold: number;
    /** Open time after repeated failures; then one half-open probe is let through. */
    cooldownMs: number;
    /** Open time after a permanent error (bad token, no permission): these rarely fix themselves quickly. */
    permanentCooldownMs: number;
  };
  rateLimitWait: {
    /** Times one call may wait for an upstream quota window before giving up on that provider. */
    maxWaits: number;
    /** Longer waits (hourly or daily quotas) fall over instead and hold the breaker open for the window. */
    maxWaitMs: number;
  };
  defaultTimeoutMs: number;
  health: {
    /** Recent call outcomes kept per provider for the degraded check. */
    recentWindow: number;
    /** Share of failed recent calls from which a provider counts as degraded. */
    degradedFailureRatio: number;
  };
}

export const DEFAULT_RESILIENCE: ResiliencePolicy = {
  retry: { maxRetries: 2, initialDelayMs: 500, maxDelayMs: 10_000 },
  breaker: { apiFailureThreshold: 3, providerFailureThreshold: 5, cooldownMs: 60_000, permanentCooldownMs: 30 * 60_000 },
  rateLimitWait: { maxWaits: 2, maxWaitMs: 65_000 },
  defaultTimeoutMs: 30_000,
  health: { recentWindow: 20, degradedFailureRatio: 0.2 },
};

export type ResilienceOverrides = {
  [K in keyof ResiliencePolicy]?: ResiliencePolicy[K] extends number ? number : Partial<ResiliencePolicy[K]>;
};

export function resolveResilience(overrides: ResilienceOverrides = {}): ResiliencePolicy {
  return {
    retry: { ...DEFAULT_RESILIENCE.retry, ...overrides.retry },
    breaker: { ...DEFAULT_RESILIENCE.breaker, ...overrides.breaker },
    rateLimitWait: { ...DEFAULT_RESILIENCE.rateLimitWait, ...overrides.rateLimitWait },
    defaultTimeoutMs: overrides.defaultTimeoutMs ?? DEFAULT_RESILIENCE.defaultTimeoutMs,
    health: { ...DEFAULT_RESILIENCE.health, ...overrides.health },
  };
}
