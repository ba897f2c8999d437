import { ErrorCode } from '@zhice/shared';
import type { MarketDataOperation } from '../providers/market-data-provider.js';

/** `stale`: the provider answered, but its last bar is older than the expected trade date. */
export type AttemptOutcome = 'permanent' | 'rate_limited' | 'transient' | 'malformed' | 'circuit_open' | 'stale';

export interface FailedAttempt {
  provider: string;
  api: string;
  outcome: AttemptOutcome;
  message: string;
}

export interface SkippedProvider {
  provider: string;
  why: 'disabled' | 'unsupported';
}

/**
 * No provider could serve the operation. `attempts` says what each tried provider did; when every
 * provider was merely `unsupported` (e.g. whole-market bars with only AKShare enabled) the caller
 * should switch strategy (per-stock calls) rather than report an outage.
 */
export class MarketDataUnavailableError extends Error {
  override readonly name = 'MarketDataUnavailableError';
  readonly code = ErrorCode.MARKET_DATA_UNAVAILABLE;

  constructor(
    readonly operation: MarketDataOperation,
    readonly attempts: readonly FailedAttempt[],
    readonly skipped: readonly SkippedProvider[],
  ) {
    super(
      attempts.length > 0
        ? `${operation}: no data source succeeded (${attempts.map((a) => `${a.provider}:${a.api} ${a.outcome}`).join(', ')})`
        : `${operation}: no enabled data source supports it`,
    );
  }

  /** True when nothing failed: no enabled provider offers this operation at all. */
  get unsupported(): boolean {
    return this.attempts.length === 0;
  }
}

export class DataSourceNotFoundError extends Error {
  override readonly name = 'DataSourceNotFoundError';
  readonly code = ErrorCode.DATA_SOURCE_NOT_FOUND;

  constructor(readonly provider: string) {
    super(`no data source named ${provider}`);
  }
}
