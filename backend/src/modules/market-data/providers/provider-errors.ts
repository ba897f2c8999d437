/**
 * The four ways a provider call can fail. Providers only classify; the manager decides what to do:
 * permanent → no retry, open the breaker at once; rate limit → wait for the window, same provider;
 * transient → retry with backoff, then fall over; malformed → fall over and log the payload.
 */

export type ProviderErrorKind = 'permanent' | 'rate_limited' | 'transient' | 'malformed';

interface ProviderErrorInit {
  provider: string;
  /** Remote API name (`daily`, `stock_zh_a_hist`); breakers are keyed by provider + api. */
  api: string;
  message: string;
  cause?: unknown;
}

export abstract class ProviderError extends Error {
  abstract readonly kind: ProviderErrorKind;
  readonly provider: string;
  readonly api: string;

  constructor(init: ProviderErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.provider = init.provider;
    this.api = init.api;
  }
}

/**
 * Retrying cannot help: bad token (Tushare 40101), no permission for the API (40203 "没有…权限",
 * -2002), unknown API, or a misconfigured base URL. `scope` says what is broken: the whole provider
 * (token, URL, IP quota) or only this API (permission).
 */
export class PermanentProviderError extends ProviderError {
  readonly kind = 'permanent' as const;
  override readonly name = 'PermanentProviderError';
  readonly scope: 'provider' | 'api';
  /** Upstream error code where there is one (40101, 40203, HTTP 404 …). */
  readonly code: string | number | undefined;

  constructor(init: ProviderErrorInit & { scope: 'provider' | 'api'; code?: string | number }) {
    super(init);
    this.scope = init.scope;
    this.code = init.code;
  }
}

export type RateLimitWindow = 'minute' | 'hour' | 'day' | 'unknown';

/** The upstream quota is used up (Tushare 40203 "每分钟最多访问该接口N次"); try again after the window. */
export class RateLimitError extends ProviderError {
  readonly kind = 'rate_limited' as const;
  override readonly name = 'RateLimitError';
  readonly retryAfterMs: number;
  readonly window: RateLimitWindow;

  constructor(init: ProviderErrorInit & { retryAfterMs: number; window: RateLimitWindow }) {
    super(init);
    this.retryAfterMs = init.retryAfterMs;
    this.window = init.window;
  }
}

export type TransientReason = 'network' | 'timeout' | 'http_status' | 'upstream';

/** Might work on another attempt: connection refused/reset, timeout, HTTP 5xx, unknown upstream error. */
export class TransientProviderError extends ProviderError {
  readonly kind = 'transient' as const;
  override readonly name = 'TransientProviderError';
  readonly reason: TransientReason;
  readonly status: number | undefined;

  constructor(init: ProviderErrorInit & { reason: TransientReason; status?: number }) {
    super(init);
    this.reason = init.reason;
    this.status = init.status;
  }
}

/** The answer arrived but is not what the protocol promises (bad JSON, wrong envelope or columns). */
export class MalformedPayloadError extends ProviderError {
  readonly kind = 'malformed' as const;
  override readonly name = 'MalformedPayloadError';
  /** The start of the offending body, for the log. */
  readonly sample: string | undefined;

  constructor(init: ProviderErrorInit & { sample?: string }) {
    super(init);
    this.sample = init.sample;
  }
}

export function isProviderError(error: unknown): error is ProviderError {
  return error instanceof ProviderError;
}
