import { inferExchange, type Exchange } from '@zhice/shared';
import type { Board } from './market-types.js';

const TS_CODE = /^(\d{6})\.(SH|SZ|BJ)$/;

/**
 * Exchange of a bare 6-digit code by its prefix (sources such as AKShare return no suffix). Delegates
 * to the platform-wide rule in @zhice/shared so stock-pool uploads and market data always agree.
 */
export function exchangeOfSymbol(symbol: string): Exchange | null {
  return inferExchange(symbol);
}

export function tsCodeOfSymbol(symbol: string): string | null {
  const exchange = exchangeOfSymbol(symbol);
  return exchange ? `${symbol}.${exchange}` : null;
}

export function parseTsCode(tsCode: string): { symbol: string; exchange: Exchange } | null {
  const match = TS_CODE.exec(tsCode);
  if (!match) return null;
  return { symbol: match[1] as string, exchange: match[2] as Exchange };
}

export function boardOfSymbol(symbol: string): Board | null {
  const exchange = exchangeOfSymbol(symbol);
  if (!exchange) return null;
  if (exchange === 'BJ') return '北交所';
  if (symbol.startsWith('688') || symbol.startsWith('689')) return '科创板';
  if (symbol.startsWith('300') || symbol.startsWith('301')) return '创业板';
  return '主板';
}

/** Daily price-limit fraction by board (main board 10%, ChiNext/STAR 20%, Beijing 30%). */
export function priceLimitOfSymbol(symbol: string): number {
  const board = boardOfSymbol(symbol);
  if (board === '北交所') return 0.3;
  if (board === '科创板' || board === '创业板') return 0.2;
  return 0.1;
}
