import type {
  ChainHeadDto,
  ChainVerifyDto,
  Paged,
  SignalDayDto,
  SignalRunDto,
  SignalStatsDto,
  StrategyDto,
} from '@zhice/shared';
import { http } from './http';

/** GET /admin/strategies: every strategy with its specs, active version and history. */
export async function listStrategies(): Promise<StrategyDto[]> {
  return (await http.get<StrategyDto[]>('/admin/strategies')).data;
}

/** PUT /admin/strategies/:id/params: overrides of the defaults → a new version (unless unchanged). */
export async function updateStrategyParams(id: string, params: Record<string, unknown>): Promise<StrategyDto> {
  return (await http.put<StrategyDto>(`/admin/strategies/${encodeURIComponent(id)}/params`, { params })).data;
}

/** POST /admin/signals/runs: 202 { id, status }; tradeDate defaults to the latest stored trading day. */
export async function startSignalRun(tradeDate?: string): Promise<{ id: string; status: string }> {
  return (await http.post<{ id: string; status: string }>('/admin/signals/runs', tradeDate ? { tradeDate } : {})).data;
}

export async function listSignalRuns(query: { page: number; pageSize: number }): Promise<Paged<SignalRunDto>> {
  return (await http.get<Paged<SignalRunDto>>('/admin/signals/runs', { params: query })).data;
}

/** One run with its per-stock failures. */
export async function getSignalRun(id: string): Promise<SignalRunDto> {
  return (await http.get<SignalRunDto>(`/admin/signals/runs/${encodeURIComponent(id)}`)).data;
}

export async function listSignalDays(query: { page: number; pageSize: number }): Promise<Paged<SignalDayDto>> {
  return (await http.get<Paged<SignalDayDto>>('/admin/signals/days', { params: query })).data;
}

export async function getSignalStats(query: { strategyId?: string; window?: number } = {}): Promise<SignalStatsDto> {
  return (await http.get<SignalStatsDto>('/signals/stats', { params: query })).data;
}

export async function getChainHead(): Promise<ChainHeadDto> {
  return (await http.get<ChainHeadDto>('/signals/chain/head')).data;
}

export async function verifyChain(): Promise<ChainVerifyDto> {
  return (await http.get<ChainVerifyDto>('/signals/chain/verify')).data;
}
