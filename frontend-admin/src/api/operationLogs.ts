import type { OperationLogDto, Paged } from '@zhice/shared';
import { cleanParams } from './errors';
import { http } from './http';

export interface OperationLogQuery {
  /** operator username contains */
  operator?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  /** ISO-8601 with offset */
  from?: string;
  /** ISO-8601 with offset */
  to?: string;
  page: number;
  pageSize: number;
}

export async function listOperationLogs(query: OperationLogQuery): Promise<Paged<OperationLogDto>> {
  const res = await http.get<Paged<OperationLogDto>>('/admin/operation-logs', { params: cleanParams(query) });
  return res.data;
}

/** Every action name that occurs in the log (for the filter). */
export async function listOperationActions(): Promise<string[]> {
  const res = await http.get<string[]>('/admin/operation-logs/actions');
  return res.data;
}
