import type { AdjFactor, DailyBar, StockBasic, TradeCalendarDay } from '../domain/market-types.js';

/**
 * The port every market-data source implements. Providers translate one protocol into the normalised
 * domain types and classify failures (provider-errors.ts); they never retry, wait or fall over —
 * that is the DataSourceManager's job. Dates in and out are `YYYY-MM-DD`.
 */

export type MarketDataOperation =
  | 'stockBasics'
  | 'tradeCalendar'
  | 'dailyByTradeDate'
  | 'dailyByStock'
  | 'adjFactorByTradeDate'
  | 'adjFactorByStock';

export const MARKET_DATA_OPERATIONS: readonly MarketDataOperation[] = [
  'stockBasics',
  'tradeCalendar',
  'dailyByTradeDate',
  'dailyByStock',
  'adjFactorByTradeDate',
  'adjFactorByStock',
];

export interface ProviderCapabilities {
  /** Whole market for one trade date in one call (Tushare `daily`/`adj_factor` with `trade_date`). */
  bulkByTradeDate: boolean;
  /** Synthetic data (the demo provider): must be labelled as such wherever it is shown. */
  synthetic: boolean;
  /**
   * The remote API behind each supported operation. Breakers and statistics are keyed by it, so a
   * permission error on Tushare `daily` also stops per-stock calls, which use the same API.
   */
  endpoints: Partial<Record<MarketDataOperation, string>>;
}

export interface ProviderCallOptions {
  /** Aborted by the manager's per-call timeout. */
  signal?: AbortSignal;
}

export interface MarketDataProvider {
  readonly name: string;
  readonly capabilities: ProviderCapabilities;

  /** All A-shares the source knows, listed and (where the source has them) delisted. */
  stockBasics(options?: ProviderCallOptions): Promise<StockBasic[]>;
  /** Every calendar day in [from, to] that the source can vouch for, ascending. */
  tradeCalendar(from: string, to: string, options?: ProviderCallOptions): Promise<TradeCalendarDay[]>;
  /** Whole market on one date; only when `capabilities.bulkByTradeDate`. */
  dailyByTradeDate?(tradeDate: string, options?: ProviderCallOptions): Promise<DailyBar[]>;
  /** Unadjusted bars of one stock in [from, to], ascending. */
  dailyByStock(tsCode: string, from: string, to: string, options?: ProviderCallOptions): Promise<DailyBar[]>;
  adjFactorByTradeDate?(tradeDate: string, options?: ProviderCallOptions): Promise<AdjFactor[]>;
  adjFactorByStock?(tsCode: string, from: string, to: string, options?: ProviderCallOptions): Promise<AdjFactor[]>;
  /** One cheap real call proving the source answers with this configuration; throws a ProviderError if not. */
  healthCheck(options?: ProviderCallOptions): Promise<void>;
}

/** Whether a provider can serve an operation at all (method present and an endpoint declared). */
export function providerSupports(provider: MarketDataProvider, operation: MarketDataOperation): boolean {
  return typeof provider[operation] === 'function' && provider.capabilities.endpoints[operation] !== undefined;
}
