/** Emitted after the commit that put stocks into a pool (creation). Market data backfills their history. */
export const STOCK_POOL_STOCKS_ADDED = 'stock-pool.stocks-added';
export interface StockPoolStocksAddedEvent {
  poolId: string;
  codes: string[];
  operatorId: string | null;
}
