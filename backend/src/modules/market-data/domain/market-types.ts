/**
 * Normalised market data, whatever the source. Dates are `YYYY-MM-DD` (exchange-local, Asia/Shanghai
 * calendar days), prices in CNY, volume in shares and amount in yuan — providers convert their units
 * (Tushare lots / thousand-yuan, AKShare lots) before anything reaches this shape.
 */

import type { Exchange } from '@zhice/shared';

export type { Exchange };
export type ListingStatus = 'listed' | 'delisted' | 'suspended';

/** A-share board, as Tushare names it (主板/创业板/科创板/CDR/北交所). */
export type Board = '主板' | '创业板' | '科创板' | 'CDR' | '北交所';

export interface StockBasic {
  /** `600000.SH`, `000001.SZ`, `920001.BJ`. */
  tsCode: string;
  /** 6-digit code without exchange. */
  symbol: string;
  name: string;
  exchange: Exchange;
  market?: string;
  industry?: string;
  /** Null when the source does not report it (AKShare's code list has only code and name). */
  listDate: string | null;
  delistDate?: string;
  status: ListingStatus;
}

/** One unadjusted daily bar. */
export interface DailyBar {
  tsCode: string;
  tradeDate: string;
  open: number;
  high: number;
  low: number;
  close: number;
  /** Previous close after ex-rights adjustment (Tushare `pre_close`, 除权昨收); absent when the source has none. */
  preClose?: number;
  /** Shares. */
  volume: number;
  /** Yuan. */
  amount: number;
}

export interface AdjFactor {
  tsCode: string;
  tradeDate: string;
  factor: number;
}

export interface TradeCalendarDay {
  date: string;
  isOpen: boolean;
}
