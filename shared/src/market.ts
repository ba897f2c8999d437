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

/** How a provider's connection is configured (secrets are never returned, only whether they are set). */
export interface DataSourceConfiguredDto {
  /** The provider takes a token (Tushare) and one is set (environment or stored). */
  tokenSet: boolean;
  /** The provider takes a base URL and one is set (for Tushare the default counts as set). */
  urlSet: boolean;
  /** Some of this provider's connection settings come from environment variables, which win over stored ones. */
  fromEnv: boolean;
  tokenFromEnv: boolean;
  urlFromEnv: boolean;
  /** Which settings the provider takes at all. */
  takesToken: boolean;
  takesUrl: boolean;
  /** The effective base URL with credentials, path and query removed (`http://api.tushare.pro`), or null. */
  urlDisplay: string | null;
}

/** `GET /api/v1/admin/data-sources` item. */
export interface DataSourceEntryDto {
  name: string;
  enabled: boolean;
  /** 1 = tried first. */
  priority: number;
  state: DataSourceState;
  lastCheckAt: string | null;
  /** `kind: message` of the most recent failed call or health check. */
  lastError: string | null;
  lastErrorAt: string | null;
  calls: number;
  failures: number;
  rateLimited: number;
  p50Ms: number | null;
  lastSuccessAt: string | null;
  /** Worst breaker state of the provider and its APIs. */
  breaker: DataSourceBreakerState;
  breakers: DataSourceBreakerDto[];
  /** Synthetic demo data ("演示数据"): label it wherever it shows. */
  synthetic: boolean;
  bulkByTradeDate: boolean;
  configured: DataSourceConfiguredDto;
}

export interface UpdateDataSourceRequest {
  enabled?: boolean;
  /** Empty string or null clears the stored token. */
  token?: string | null;
  baseUrl?: string | null;
}

export type MarketSyncCallsBySource = Record<string, number>;

/** `GET /api/v1/admin/market-data/syncs/:id`. One unit of progress = one trade date. */
export interface MarketSyncDto {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  from: string;
  to: string;
  total: number;
  processed: number;
  failed: number;
  /** Successful provider calls by the provider that served them. */
  callsBySource: MarketSyncCallsBySource;
  /** Rows refused by the quality check (never stored). */
  rejected: number;
  /** Trade dates filled per stock (fallback source without whole-market calls). */
  perStockDates: number;
  /** Some data came from the synthetic demo source. */
  synthetic: boolean;
  /** Bars stored by this sync (new rows and replaced ones). */
  barsWritten: number;
  /** Of those, rows that replaced synthetic (demo) rows of the same stock and date. */
  barsReplaced: number;
  /** Bars still missing after the sync: asked-for (stock, date) pairs no source served (suspension days included). */
  barsMissing: number;
  message: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface CalendarCoverageDayDto {
  date: string;
  /** Bars stored for the date. */
  rows: number;
  /** Whole market stored (bars and factors). */
  complete: boolean;
  source: string | null;
}

/** `GET /api/v1/admin/market-data/calendar-coverage?year=`. */
export interface CalendarCoverageDto {
  year: number;
  /** Open days of the stored calendar in the year. */
  tradingDays: number;
  days: CalendarCoverageDayDto[];
}

export type BarsAdjust = 'qfq' | 'none';

export interface MarketBarDto {
  tradeDate: string;
  open: number;
  high: number;
  low: number;
  close: number;
  /** Shares. */
  volume: number;
  /** Yuan. */
  amount: number;
}

/** `GET /api/v1/market/bars`. */
export interface MarketBarsDto {
  tsCode: string;
  adjust: BarsAdjust;
  /** Some bars are synthetic demo data. */
  synthetic: boolean;
  items: MarketBarDto[];
}
