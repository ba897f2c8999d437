import type {
  ChainHeadDto,
  MarketBarsDto,
  MyFreshnessDto,
  MySignalsPageDto,
  MyStockSignalSummaryDto,
  MyTrackRecordDto,
  SignalStatsDto,
} from '@zhice/shared';
import { http } from './http';

/** GET /me/signals: my stocks' signals (my level's strategy, as issued), newest first. */
export async function listMySignals(query: { tsCode?: string; from?: string; to?: string; page?: number; pageSize?: number }): Promise<MySignalsPageDto> {
  return (await http.get<MySignalsPageDto>('/me/signals', { params: query })).data;
}

/** Every signal of one stock in [from, to] (pages of 100, at most `maxPages`). */
export async function listAllMySignals(tsCode: string, from: string, to: string, maxPages = 5): Promise<MySignalsPageDto['items']> {
  const out: MySignalsPageDto['items'] = [];
  for (let page = 1; page <= maxPages; page++) {
    const res = await listMySignals({ tsCode, from, to, page, pageSize: 100 });
    out.push(...res.items);
    if (page * res.pageSize >= res.total) break;
  }
  return out;
}

/** GET /me/signals/latest: the latest signal with reasons, my strategy and the stock's data freshness. */
export async function getMyLatestSignal(tsCode: string): Promise<MyStockSignalSummaryDto> {
  return (await http.get<MyStockSignalSummaryDto>('/me/signals/latest', { params: { tsCode } })).data;
}

/** GET /me/signals/freshness: per own stock, whether its data is up to date. */
export async function getMyFreshness(): Promise<MyFreshnessDto> {
  return (await http.get<MyFreshnessDto>('/me/signals/freshness')).data;
}

/** GET /signals/stats: track record by window next to the random baseline. */
export async function getSignalStats(strategyId: string): Promise<SignalStatsDto> {
  return (await http.get<SignalStatsDto>('/signals/stats', { params: { strategyId } })).data;
}

/** GET /me/signals/track-record: one of my stocks' record next to my strategy's, with a verdict per window. */
export async function getMyTrackRecord(tsCode: string): Promise<MyTrackRecordDto> {
  return (await http.get<MyTrackRecordDto>('/me/signals/track-record', { params: { tsCode } })).data;
}

export async function getChainHead(): Promise<ChainHeadDto> {
  return (await http.get<ChainHeadDto>('/signals/chain/head')).data;
}

/** GET /market/bars (market data): forward-adjusted daily bars of one of my stocks. */
export async function getBars(tsCode: string, from?: string, to?: string): Promise<MarketBarsDto> {
  const params: Record<string, string> = { tsCode, adjust: 'qfq' };
  if (from) params.from = from;
  if (to) params.to = to;
  return (await http.get<MarketBarsDto>('/market/bars', { params })).data;
}
