import type { Paged } from '@zhice/shared';
import { cleanParams } from './errors';
import { http } from './http';

/** One admin action, with snapshots of what it changed (secrets masked by the server). */
export interface OperationLogDto {
  id: string;
  at: string;
  operatorId: string | null;
  /** `system` for changes without a person */
  operatorName: string;
  /** e.g. `vip.grant`, `user.disable`, `vip_level.update` */
  action: string;
  targetType: string;
  targetId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ip: string | null;
}

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
