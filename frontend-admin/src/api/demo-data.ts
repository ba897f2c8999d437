import type { DemoDataStatusDto, LeaveDemoResultDto } from '@zhice/shared';
import { http } from './http';

/** GET /admin/demo-data: what demo data this install still holds. */
export async function getDemoDataStatus(): Promise<DemoDataStatusDto> {
  return (await http.get<DemoDataStatusDto>('/admin/demo-data')).data;
}

/** POST /admin/demo-data/leave: removes every demo row in one transaction (confirmed by the operator). */
export async function leaveDemoMode(): Promise<LeaveDemoResultDto> {
  return (await http.post<LeaveDemoResultDto>('/admin/demo-data/leave', { confirm: true })).data;
}
