/** Data-source manager status as the admin API returns it (timestamps are ISO strings). */

export type DataSourceState = 'healthy' | 'degraded' | 'down' | 'disabled';
export type DataSourceBreakerState = 'closed' | 'open' | 'half_open';
export type DataSourceFailureKind = 'permanent' | 'rate_limited' | 'transient' | 'malformed';

export interface DataSourceBreakerDto {
  /** `tushare` (whole provider) or `tushare:daily` (one upstream API). */
  key: string;
  api: string | null;
  state: DataSourceBreakerState;
  consecutiveFailures: number;
  openedAt: string | null;
  /** When the next half-open probe is allowed. */
  retryAt: string | null;
  reason: string | null;
}

export interface DataSourceErrorDto {
  at: string;
  api: string;
  kind: DataSourceFailureKind;
  message: string;
}

export interface DataSourceHealthCheckDto {
  name: string;
  ok: boolean;
  state: DataSourceState;
  latencyMs: number;
  error: string | null;
  checkedAt: string;
}

export interface DataSourceStatusDto {
  name: string;
  /** 1 = tried first. */
  priority: number;
  enabled: boolean;
  /** Synthetic demo data; must be labelled wherever shown. */
  synthetic: boolean;
  bulkByTradeDate: boolean;
  state: DataSourceState;
  calls: number;
  failures: number;
  rateLimited: number;
  p50LatencyMs: number | null;
  lastError: DataSourceErrorDto | null;
  lastSuccessAt: string | null;
  lastCheck: DataSourceHealthCheckDto | null;
  breakers: DataSourceBreakerDto[];
}

export interface DataSourceSwitchLogDto {
  at: string;
  from: string;
  to: string;
  reason: string;
  operation: string;
}
