import type { DataSourceBreakerDto, DataSourceHealthCheckDto, DataSourceState, DataSourceStatusDto } from '@zhice/shared';
import {
  ExponentialBackoff,
  handleType,
  retry,
  TaskCancelledError,
  timeout,
  TimeoutStrategy,
  type RetryPolicy,
} from 'cockatiel';
import { TokenBucket } from 'limiter';
import type { AdjFactor, DailyBar, StockBasic, TradeCalendarDay } from '../domain/market-types.js';
import { parseTsCode } from '../domain/stock-codes.js';
import { isIsoDate } from '../domain/trade-dates.js';
import {
  providerSupports,
  type MarketDataOperation,
  type MarketDataProvider,
  type ProviderCallOptions,
} from '../providers/market-data-provider.js';
import {
  MalformedPayloadError,
  PermanentProviderError,
  ProviderError,
  RateLimitError,
  TransientProviderError,
} from '../providers/provider-errors.js';
import { CircuitBreaker } from './circuit-breaker.js';
import {
  DataSourceNotFoundError,
  MarketDataUnavailableError,
  type FailedAttempt,
  type SkippedProvider,
} from './data-source-errors.js';
import {
  NOOP_METRICS,
  SILENT_LOGGER,
  type MarketDataLogger,
  type MarketDataMetricsSink,
  type SwitchLogSink,
} from './data-source-ports.js';
import {
  resolveResilience,
  type DataSourceSettings,
  type ProviderRateLimit,
  type ProviderSettings,
  type ResilienceOverrides,
  type ResiliencePolicy,
} from './data-source-settings.js';
import { ProviderStats } from './provider-stats.js';

/** What each operation takes… */
export interface MarketDataRequests {
  stockBasics: Record<string, never>;
  tradeCalendar: { from: string; to: string };
  dailyByTradeDate: { tradeDate: string };
  dailyByStock: { tsCode: string; from: string; to: string };
  adjFactorByTradeDate: { tradeDate: string };
  adjFactorByStock: { tsCode: string; from: string; to: string };
}

/** …and what it returns. */
export interface MarketDataResults {
  stockBasics: StockBasic[];
  tradeCalendar: TradeCalendarDay[];
  dailyByTradeDate: DailyBar[];
  dailyByStock: DailyBar[];
  adjFactorByTradeDate: AdjFactor[];
  adjFactorByStock: AdjFactor[];
}

export interface MarketDataResult<T> {
  data: T;
  /** Provider that served it. */
  source: string;
  /** True for the demo provider: whoever stores or shows this must label it. */
  synthetic: boolean;
  /** Every provider's answer was older than `expectLatest`; this is the freshest of them. */
  stale?: boolean;
}

export interface MarketDataCallOptions {
  /**
   * Bars operations only: the trade date the answer should reach. A provider that answers with an
   * older last bar (or none) is "late": the next provider is tried, and the switch is logged; if no
   * provider is fresher, the freshest late answer is returned with `stale: true`.
   */
  expectLatest?: string;
}

/** Operations whose answer is a list of dated bars (the late-data check applies). */
const DATED_OPERATIONS: ReadonlySet<MarketDataOperation> = new Set(['dailyByTradeDate', 'dailyByStock']);

/** Last trade date of dated rows, or null for none. */
export function lastTradeDate(rows: ReadonlyArray<{ tradeDate: string }>): string | null {
  let last: string | null = null;
  for (const r of rows) if (last === null || r.tradeDate > last) last = r.tradeDate;
  return last;
}

const INVOKERS: {
  [Op in MarketDataOperation]: (
    provider: MarketDataProvider,
    request: MarketDataRequests[Op],
    options: ProviderCallOptions,
  ) => Promise<MarketDataResults[Op]>;
} = {
  stockBasics: (provider, _request, options) => provider.stockBasics(options),
  tradeCalendar: (provider, request, options) => provider.tradeCalendar(request.from, request.to, options),
  dailyByTradeDate: (provider, request, options) => provider.dailyByTradeDate!(request.tradeDate, options),
  dailyByStock: (provider, request, options) => provider.dailyByStock(request.tsCode, request.from, request.to, options),
  adjFactorByTradeDate: (provider, request, options) => provider.adjFactorByTradeDate!(request.tradeDate, options),
  adjFactorByStock: (provider, request, options) =>
    provider.adjFactorByStock!(request.tsCode, request.from, request.to, options),
};

export interface DataSourceManagerDeps {
  providers: readonly MarketDataProvider[];
  settings: DataSourceSettings;
  /** The app Clock (`() => clock.now()`); drives breaker cooldowns and timestamps. */
  now?: () => Date;
  logger?: MarketDataLogger;
  switchLog?: SwitchLogSink;
  metrics?: MarketDataMetricsSink;
  /** Backoff, cooldown and wait durations; tests shrink them. */
  resilience?: ResilienceOverrides;
  /** Used to wait out an upstream quota window; tests advance a fake clock instead. */
  sleep?: (ms: number) => Promise<void>;
}

interface BreakerPair {
  provider: CircuitBreaker;
  api: CircuitBreaker;
}

/**
 * Decides which provider serves each market-data call (architecture rule 5: providers translate, the
 * manager decides). Per call: admin order → enable switch → capability → breakers (provider and
 * provider:api) → local token bucket → timeout → retry transient errors with jittered exponential
 * backoff → wait out rate-limit windows on the same provider → otherwise fall over to the next one,
 * writing one switch-log row whenever the serving provider changes.
 */
export class DataSourceManager {
  private readonly providers: Map<string, MarketDataProvider>;
  private settings: DataSourceSettings;
  private readonly resilience: ResiliencePolicy;
  private readonly now: () => Date;
  private readonly logger: MarketDataLogger;
  private readonly switchLog: SwitchLogSink | undefined;
  private readonly metrics: MarketDataMetricsSink;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly retryTransient: RetryPolicy;
  private readonly providerBreakers = new Map<string, CircuitBreaker>();
  private readonly apiBreakers = new Map<string, CircuitBreaker>();
  private readonly limiters = new Map<string, { limit: ProviderRateLimit; bucket: TokenBucket }>();
  private readonly stats = new Map<string, ProviderStats>();
  /** Provider that last served each operation; a change is what the switch log records. */
  private readonly lastServed = new Map<MarketDataOperation, { provider: string; settingsVersion: number }>();
  /** Bumped by updateSettings, so a switch caused by an admin change is logged as such. */
  private settingsVersion = 0;

  constructor(deps: DataSourceManagerDeps) {
    this.providers = new Map(deps.providers.map((provider) => [provider.name, provider]));
    this.settings = deps.settings;
    this.resilience = resolveResilience(deps.resilience);
    this.now = deps.now ?? (() => new Date());
    this.logger = deps.logger ?? SILENT_LOGGER;
    this.switchLog = deps.switchLog;
    this.metrics = deps.metrics ?? NOOP_METRICS;
    this.sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.retryTransient = retry(handleType(TransientProviderError), {
      maxAttempts: this.resilience.retry.maxRetries,
      // Decorrelated jitter (cockatiel's default generator) keeps parallel sync workers from retrying in lockstep.
      backoff: new ExponentialBackoff({
        initialDelay: this.resilience.retry.initialDelayMs,
        maxDelay: this.resilience.retry.maxDelayMs,
      }),
    });
    this.retryTransient.onRetry((event) => {
      const reason = 'error' in event ? event.error : undefined;
      this.logger.warn(
        { provider: reason instanceof ProviderError ? reason.provider : undefined, attempt: event.attempt, delayMs: event.delay, error: describe(reason) },
        'market data: retrying after a transient error',
      );
    });
    for (const provider of deps.providers) this.stats.set(provider.name, new ProviderStats(this.resilience.health.recentWindow));
    this.applyRateLimits();
  }

  /** Serves one operation from the best available provider, or throws MarketDataUnavailableError. */
  async call<Op extends MarketDataOperation>(
    operation: Op,
    request: MarketDataRequests[Op],
    options: MarketDataCallOptions = {},
  ): Promise<MarketDataResult<MarketDataResults[Op]>> {
    validateRequest(operation, request);
    const expectLatest = options.expectLatest !== undefined && DATED_OPERATIONS.has(operation) ? options.expectLatest : undefined;
    /** The freshest late answer so far (returned when no provider is on time). */
    let late: { name: string; last: string | null; result: MarketDataResult<MarketDataResults[Op]> } | null = null;
    const failures: FailedAttempt[] = [];
    const skipped: SkippedProvider[] = [];
    const preferred = this.preferredProvider(operation);

    for (const name of this.effectiveOrder()) {
      const provider = this.providers.get(name)!;
      if (!this.settingsOf(name).enabled) {
        skipped.push({ provider: name, why: 'disabled' });
        continue;
      }
      if (!providerSupports(provider, operation)) {
        skipped.push({ provider: name, why: 'unsupported' });
        continue;
      }
      const api = provider.capabilities.endpoints[operation]!;
      const breakers = this.breakersFor(name, api);
      const nowMs = this.nowMs();
      if (!breakers.provider.wouldAdmit(nowMs) || !breakers.api.wouldAdmit(nowMs)) {
        // No upstream call at all: this is what keeps a refused API at one call per cooldown.
        const open = breakers.provider.wouldAdmit(nowMs) ? breakers.api : breakers.provider;
        failures.push({ provider: name, api, outcome: 'circuit_open', message: open.snapshot(nowMs).reason ?? 'circuit open' });
        continue;
      }
      const providerAdmission = breakers.provider.admit(nowMs);
      const apiAdmission = breakers.api.admit(nowMs);
      try {
        const data = await this.callWithRetries(provider, operation, api, request);
        breakers.api.recordSuccess();
        breakers.provider.recordSuccess();
        this.publishState(name);
        const result = { data, source: name, synthetic: provider.capabilities.synthetic };
        if (expectLatest !== undefined) {
          const last = lastTradeDate(data as Array<{ tradeDate: string }>);
          if (last === null || last < expectLatest) {
            // Answered, but late: remember it and ask the next provider (the published system does so).
            const message = `last bar ${last ?? 'none'}, expected ${expectLatest}`;
            failures.push({ provider: name, api, outcome: 'stale', message });
            this.logger.warn({ provider: name, api, operation, last, expected: expectLatest }, 'market data: provider is late; trying the next one');
            if (late === null || (last !== null && (late.last === null || last > late.last))) late = { name, last, result };
            continue;
          }
        }
        await this.noteServed(operation, name, preferred, failures);
        return result;
      } catch (error) {
        const failure = toProviderError(error, name, api);
        this.applyToBreakers(failure, breakers);
        failures.push({ provider: name, api, outcome: failure.kind, message: failure.message });
        this.logFailure(operation, failure);
        this.publishState(name);
      } finally {
        // Release the half-open slot if the call ended without a verdict (a verdict already cleared it).
        if (providerAdmission === 'probe') breakers.provider.releaseProbe();
        if (apiAdmission === 'probe') breakers.api.releaseProbe();
      }
    }
    if (late !== null) {
      // Nobody is on time: the freshest late answer, from the provider that gave it.
      await this.noteServed(operation, late.name, preferred, failures.filter((f) => f.provider !== late!.name));
      return { ...late.result, stale: true };
    }
    throw new MarketDataUnavailableError(operation, failures, skipped);
  }

  /** Whether some enabled provider offers the operation and its breakers would let a call through now. */
  canServe(operation: MarketDataOperation): boolean {
    const nowMs = this.nowMs();
    return this.effectiveOrder().some((name) => {
      const provider = this.providers.get(name)!;
      if (!this.settingsOf(name).enabled || !providerSupports(provider, operation)) return false;
      const breakers = this.breakersFor(name, provider.capabilities.endpoints[operation]!);
      return breakers.provider.wouldAdmit(nowMs) && breakers.api.wouldAdmit(nowMs);
    });
  }

  /**
   * Calls the provider's own health probe (bypassing breakers, but not the rate limit). Success closes
   * the provider-wide breaker: the URL and token demonstrably work. Per-API breakers are left alone.
   */
  async healthCheck(name: string): Promise<DataSourceHealthCheckDto> {
    const provider = this.providers.get(name);
    if (!provider) throw new DataSourceNotFoundError(name);
    const stats = this.statsOf(name);
    const breaker = this.providerBreaker(name);
    const at = this.nowMs();
    await this.limiters.get(name)?.bucket.removeTokens(1);
    const started = performance.now();
    let error: string | null = null;
    try {
      await timeout(this.timeoutFor(name), TimeoutStrategy.Aggressive).execute(({ signal }) => provider.healthCheck({ signal }));
      breaker.recordSuccess();
    } catch (caught) {
      const failure = toProviderError(caught, name, 'healthCheck');
      error = `${failure.kind}: ${failure.message}`;
      if (failure instanceof PermanentProviderError && failure.scope === 'provider') {
        breaker.tripNow(at, this.resilience.breaker.permanentCooldownMs, error);
      } else if (failure instanceof TransientProviderError) {
        breaker.recordFailure(at, error);
      }
      this.logger.warn({ provider: name, error }, 'market data: health check failed');
    }
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    stats.lastCheck = { at, ok: error === null, latencyMs, error };
    const state = this.stateOf(name);
    this.metrics.setProviderState(name, state);
    return { name, ok: error === null, state, latencyMs, error, checkedAt: new Date(at).toISOString() };
  }

  async healthCheckAll(): Promise<DataSourceHealthCheckDto[]> {
    const results: DataSourceHealthCheckDto[] = [];
    for (const name of this.effectiveOrder()) results.push(await this.healthCheck(name));
    return results;
  }

  status(): DataSourceStatusDto[] {
    const nowMs = this.nowMs();
    return this.effectiveOrder().map((name, index) => {
      const provider = this.providers.get(name)!;
      const stats = this.statsOf(name);
      const state = this.stateOf(name);
      return {
        name,
        priority: index + 1,
        enabled: this.settingsOf(name).enabled,
        synthetic: provider.capabilities.synthetic,
        bulkByTradeDate: provider.capabilities.bulkByTradeDate,
        state,
        calls: stats.calls,
        failures: stats.failures,
        rateLimited: stats.rateLimited,
        p50LatencyMs: stats.p50LatencyMs(),
        lastError: stats.lastError && { ...stats.lastError, at: iso(stats.lastError.at) },
        lastSuccessAt: stats.lastSuccessAt === null ? null : iso(stats.lastSuccessAt),
        lastCheck: stats.lastCheck && {
          name,
          ok: stats.lastCheck.ok,
          state,
          latencyMs: stats.lastCheck.latencyMs,
          error: stats.lastCheck.error,
          checkedAt: iso(stats.lastCheck.at),
        },
        breakers: this.breakerDtos(name, nowMs),
      };
    });
  }

  /** Applies an admin change (order, switches, limits, timeouts) without losing breakers or figures. */
  updateSettings(settings: DataSourceSettings): void {
    this.settings = settings;
    this.settingsVersion += 1;
    this.applyRateLimits();
    for (const name of this.providers.keys()) this.publishState(name);
  }

  /** Admin "try again now", e.g. after upgrading Tushare points: closes the provider's breakers. */
  resetBreakers(name: string): void {
    if (!this.providers.has(name)) throw new DataSourceNotFoundError(name);
    this.providerBreaker(name).recordSuccess();
    for (const [key, breaker] of this.apiBreakers) if (key.startsWith(`${name}:`)) breaker.recordSuccess();
    this.publishState(name);
  }

  /** Waits out upstream quota windows on the same provider; everything else propagates. */
  private async callWithRetries<Op extends MarketDataOperation>(
    provider: MarketDataProvider,
    operation: Op,
    api: string,
    request: MarketDataRequests[Op],
  ): Promise<MarketDataResults[Op]> {
    const { maxWaits, maxWaitMs } = this.resilience.rateLimitWait;
    for (let waits = 0; ; waits++) {
      try {
        return await this.retryTransient.execute(() => this.attempt(provider, operation, api, request));
      } catch (error) {
        if (!(error instanceof RateLimitError) || waits >= maxWaits || error.retryAfterMs > maxWaitMs) throw error;
        this.logger.info(
          { provider: provider.name, api, operation, waitMs: error.retryAfterMs, window: error.window },
          'market data: upstream quota used up, waiting for the window',
        );
        await this.sleep(error.retryAfterMs);
      }
    }
  }

  /** One upstream call: local rate limit, then the provider under a timeout; feeds stats and metrics. */
  private async attempt<Op extends MarketDataOperation>(
    provider: MarketDataProvider,
    operation: Op,
    api: string,
    request: MarketDataRequests[Op],
  ): Promise<MarketDataResults[Op]> {
    const name = provider.name;
    await this.limiters.get(name)?.bucket.removeTokens(1);
    const stats = this.statsOf(name);
    const started = performance.now();
    try {
      const data = await timeout(this.timeoutFor(name), TimeoutStrategy.Aggressive).execute(({ signal }) =>
        INVOKERS[operation](provider, request, { signal }),
      );
      const durationMs = performance.now() - started;
      stats.recordSuccess(this.nowMs(), durationMs);
      this.metrics.observeCall({ provider: name, api, operation, outcome: 'success', durationMs });
      return data;
    } catch (error) {
      const failure = toProviderError(error, name, api);
      const durationMs = performance.now() - started;
      stats.recordFailure({ at: this.nowMs(), api, kind: failure.kind, message: failure.message });
      this.metrics.observeCall({ provider: name, api, operation, outcome: failure.kind, durationMs });
      throw failure;
    }
  }

  private applyToBreakers(failure: ProviderError, breakers: BreakerPair): void {
    const nowMs = this.nowMs();
    const reason = `${failure.kind}: ${failure.message}`;
    const { permanentCooldownMs } = this.resilience.breaker;
    if (failure instanceof PermanentProviderError) {
      // Never retried; the breaker opens at once so N more calls make zero more upstream requests.
      (failure.scope === 'provider' ? breakers.provider : breakers.api).tripNow(nowMs, permanentCooldownMs, reason);
    } else if (failure instanceof RateLimitError) {
      // Waiting did not help (or the window is hours long): stay away from this API until it resets.
      breakers.api.tripNow(nowMs, failure.retryAfterMs, reason);
    } else if (failure instanceof TransientProviderError) {
      breakers.api.recordFailure(nowMs, reason);
      breakers.provider.recordFailure(nowMs, reason);
    } else {
      breakers.api.recordFailure(nowMs, reason);
    }
  }

  private async noteServed(
    operation: MarketDataOperation,
    served: string,
    preferred: string | undefined,
    failures: readonly FailedAttempt[],
  ): Promise<void> {
    const last = this.lastServed.get(operation);
    const previous = last?.provider ?? preferred;
    this.lastServed.set(operation, { provider: served, settingsVersion: this.settingsVersion });
    if (previous === undefined || previous === served) return;
    const reason = this.switchReason(operation, previous, served, failures, last?.settingsVersion);
    const entry = { at: this.now(), from: previous, to: served, reason, operation };
    this.metrics.countFailover({ operation, from: previous, to: served });
    this.logger.warn({ ...entry, at: entry.at.toISOString() }, 'market data: data source switched');
    try {
      await this.switchLog?.record(entry);
    } catch (error) {
      this.logger.error({ error: describe(error), entry }, 'market data: could not write the switch log');
    }
  }

  private switchReason(
    operation: MarketDataOperation,
    previous: string,
    served: string,
    failures: readonly FailedAttempt[],
    servedUnderSettings: number | undefined,
  ): string {
    if (failures.length > 0) {
      return failures.map((failure) => `${failure.provider}:${failure.api} ${failure.outcome} — ${failure.message}`).join('; ');
    }
    if (!this.settingsOf(previous).enabled) return `${previous} was disabled`;
    if (servedUnderSettings !== undefined && servedUnderSettings !== this.settingsVersion) return 'data source order changed';
    const order = this.effectiveOrder();
    if (order.indexOf(served) < order.indexOf(previous)) return `${served} is available again`;
    return `${previous} cannot serve ${operation}`;
  }

  private logFailure(operation: MarketDataOperation, failure: ProviderError): void {
    const fields: Record<string, unknown> = {
      provider: failure.provider,
      api: failure.api,
      operation,
      kind: failure.kind,
      error: failure.message,
    };
    if (failure instanceof MalformedPayloadError) fields.sample = failure.sample;
    if (failure instanceof PermanentProviderError) {
      fields.scope = failure.scope;
      fields.code = failure.code;
      this.logger.error(fields, 'market data: permanent provider error, not retried; falling over');
      return;
    }
    this.logger.warn(fields, 'market data: provider call failed; falling over');
  }

  private stateOf(name: string): DataSourceState {
    if (!this.settingsOf(name).enabled) return 'disabled';
    const nowMs = this.nowMs();
    if (this.providerBreaker(name).snapshot(nowMs).state !== 'closed') return 'down';
    const stats = this.statsOf(name);
    const check = stats.lastCheck;
    if (check && !check.ok && (stats.lastSuccessAt ?? Number.NEGATIVE_INFINITY) <= check.at) return 'down';
    const apiOpen = [...this.apiBreakers.entries()].some(
      ([key, breaker]) => key.startsWith(`${name}:`) && breaker.snapshot(nowMs).state !== 'closed',
    );
    if (apiOpen || stats.recentFailureRatio() >= this.resilience.health.degradedFailureRatio) return 'degraded';
    return 'healthy';
  }

  private publishState(name: string): void {
    this.metrics.setProviderState(name, this.stateOf(name));
  }

  private breakerDtos(name: string, nowMs: number): DataSourceBreakerDto[] {
    const dto = (key: string, api: string | null, breaker: CircuitBreaker): DataSourceBreakerDto => {
      const snapshot = breaker.snapshot(nowMs);
      return {
        key,
        api,
        state: snapshot.state,
        consecutiveFailures: snapshot.consecutiveFailures,
        openedAt: snapshot.openedAt === null ? null : iso(snapshot.openedAt),
        retryAt: snapshot.retryAt === null ? null : iso(snapshot.retryAt),
        reason: snapshot.reason,
      };
    };
    const list = [dto(name, null, this.providerBreaker(name))];
    for (const [key, breaker] of this.apiBreakers) {
      if (key.startsWith(`${name}:`)) list.push(dto(key, key.slice(name.length + 1), breaker));
    }
    return list;
  }

  /** Admin order first, then any registered provider the order does not mention. */
  private effectiveOrder(): string[] {
    const ordered = this.settings.order.filter((name) => this.providers.has(name));
    const rest = [...this.providers.keys()].filter((name) => !ordered.includes(name));
    return [...new Set(ordered), ...rest];
  }

  private preferredProvider(operation: MarketDataOperation): string | undefined {
    return this.effectiveOrder().find(
      (name) => this.settingsOf(name).enabled && providerSupports(this.providers.get(name)!, operation),
    );
  }

  private settingsOf(name: string): ProviderSettings {
    return this.settings.providers[name] ?? { enabled: false };
  }

  private timeoutFor(name: string): number {
    return this.settingsOf(name).timeoutMs ?? this.resilience.defaultTimeoutMs;
  }

  private statsOf(name: string): ProviderStats {
    let stats = this.stats.get(name);
    if (!stats) {
      stats = new ProviderStats(this.resilience.health.recentWindow);
      this.stats.set(name, stats);
    }
    return stats;
  }

  private providerBreaker(name: string): CircuitBreaker {
    let breaker = this.providerBreakers.get(name);
    if (!breaker) {
      const { providerFailureThreshold, cooldownMs } = this.resilience.breaker;
      breaker = new CircuitBreaker(providerFailureThreshold, cooldownMs);
      this.providerBreakers.set(name, breaker);
    }
    return breaker;
  }

  private breakersFor(name: string, api: string): BreakerPair {
    const key = `${name}:${api}`;
    let apiBreaker = this.apiBreakers.get(key);
    if (!apiBreaker) {
      const { apiFailureThreshold, cooldownMs } = this.resilience.breaker;
      apiBreaker = new CircuitBreaker(apiFailureThreshold, cooldownMs);
      this.apiBreakers.set(key, apiBreaker);
    }
    return { provider: this.providerBreaker(name), api: apiBreaker };
  }

  /** (Re)builds token buckets whose limit changed; unchanged buckets keep their level. */
  private applyRateLimits(): void {
    for (const name of this.providers.keys()) {
      const limit = this.settingsOf(name).rateLimit ?? null;
      const current = this.limiters.get(name);
      if (!limit) {
        this.limiters.delete(name);
        continue;
      }
      if (current && current.limit.maxCalls === limit.maxCalls && current.limit.intervalMs === limit.intervalMs) continue;
      this.limiters.set(name, { limit: { ...limit }, bucket: createTokenBucket(limit) });
    }
  }

  private nowMs(): number {
    return this.now().getTime();
  }
}

/**
 * Upstreams such as Tushare count calls in any sliding window, so burst + refill within one window
 * must stay within maxCalls: the burst is carved out of the window's budget. The bucket starts full
 * (limiter's TokenBucket starts empty).
 */
function createTokenBucket(limit: ProviderRateLimit): TokenBucket {
  const burst = Math.max(1, Math.ceil(limit.maxCalls / 20));
  const refill = Math.max(1, limit.maxCalls - burst);
  const bucket = new TokenBucket({ bucketSize: burst, tokensPerInterval: refill, interval: limit.intervalMs });
  bucket.content = burst;
  return bucket;
}

/** Anything a provider throws becomes a classified ProviderError. */
function toProviderError(error: unknown, provider: string, api: string): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error instanceof TaskCancelledError) {
    return new TransientProviderError({ provider, api, reason: 'timeout', message: `${api}: timed out`, cause: error });
  }
  // An exception from inside a provider's decoding is a payload it did not expect.
  return new MalformedPayloadError({ provider, api, message: `${api}: unexpected ${describe(error)}`, cause: error });
}

function validateRequest(operation: MarketDataOperation, request: unknown): void {
  const fields = (request ?? {}) as Record<string, unknown>;
  for (const key of ['from', 'to', 'tradeDate'] as const) {
    if (key in fields && (typeof fields[key] !== 'string' || !isIsoDate(fields[key] as string))) {
      throw new RangeError(`${operation}: ${key} must be YYYY-MM-DD, got ${JSON.stringify(fields[key])}`);
    }
  }
  if ('from' in fields && 'to' in fields && (fields.from as string) > (fields.to as string)) {
    throw new RangeError(`${operation}: from is after to`);
  }
  if ('tsCode' in fields && (typeof fields.tsCode !== 'string' || !parseTsCode(fields.tsCode))) {
    throw new RangeError(`${operation}: tsCode must look like 600000.SH, got ${JSON.stringify(fields.tsCode)}`);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
