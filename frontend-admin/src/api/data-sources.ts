import type {
  CalendarCoverageDto,
  DataSourceEntryDto,
  DataSourceSwitchLogDto,
  MarketSyncDto,
  Paged,
  UpdateDataSourceRequest,
} from '@zhice/shared';
import { http } from './http';

/** GET /admin/data-sources: every market-data source in priority order with its live figures. */
export async function listDataSources(): Promise<DataSourceEntryDto[]> {
  const res = await http.get<DataSourceEntryDto[]>('/admin/data-sources');
  return res.data;
}

/** POST /admin/data-sources/:name/check: a health check now; the source's fresh entry. */
export async function checkDataSource(name: string): Promise<DataSourceEntryDto> {
  const res = await http.post<DataSourceEntryDto>(`/admin/data-sources/${encodeURIComponent(name)}/check`);
  return res.data;
}

/** POST /admin/data-sources/:name/reset-breakers: "try again now" after fixing the cause. */
export async function resetDataSourceBreakers(name: string): Promise<DataSourceEntryDto> {
  const res = await http.post<DataSourceEntryDto>(`/admin/data-sources/${encodeURIComponent(name)}/reset-breakers`);
  return res.data;
}

/** PUT /admin/data-sources/order with every source name, first = tried first. */
export async function reorderDataSources(names: string[]): Promise<DataSourceEntryDto[]> {
  const res = await http.put<DataSourceEntryDto[]>('/admin/data-sources/order', { names });
  return res.data;
}

/** PATCH /admin/data-sources/:name — switch, token, base URL (empty string clears a stored secret). */
export async function updateDataSource(name: string, body: UpdateDataSourceRequest): Promise<DataSourceEntryDto> {
  const res = await http.patch<DataSourceEntryDto>(`/admin/data-sources/${encodeURIComponent(name)}`, body);
  return res.data;
}

export async function listSwitchLogs(query: { page: number; pageSize: number }): Promise<Paged<DataSourceSwitchLogDto>> {
  const res = await http.get<Paged<DataSourceSwitchLogDto>>('/admin/data-sources/switch-logs', { params: query });
  return res.data;
}

/** POST /admin/market-data/syncs → 202 { id, status }. */
export async function startMarketSync(from: string, to: string): Promise<{ id: string; status: string }> {
  const res = await http.post<{ id: string; status: string }>('/admin/market-data/syncs', { from, to });
  return res.data;
}

export async function getMarketSync(id: string): Promise<MarketSyncDto> {
  const res = await http.get<MarketSyncDto>(`/admin/market-data/syncs/${encodeURIComponent(id)}`);
  return res.data;
}

export async function listMarketSyncs(query: { page: number; pageSize: number }): Promise<Paged<MarketSyncDto>> {
  const res = await http.get<Paged<MarketSyncDto>>('/admin/market-data/syncs', { params: query });
  return res.data;
}

export async function getCalendarCoverage(year: number): Promise<CalendarCoverageDto> {
  const res = await http.get<CalendarCoverageDto>('/admin/market-data/calendar-coverage', { params: { year } });
  return res.data;
}
