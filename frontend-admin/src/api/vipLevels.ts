import type { VipLevelAdmin, VipLevelPublic, VipLevelUpdate, VipLevelUpdateResult } from '@zhice/shared';
import { http } from './http';

export async function listVipLevels(): Promise<VipLevelPublic[]> {
  const res = await http.get<VipLevelPublic[]>('/vip-levels');
  return res.data;
}

/** GET /admin/vip-levels: every level with strategy and last update. */
export async function listAdminVipLevels(): Promise<VipLevelAdmin[]> {
  const res = await http.get<VipLevelAdmin[]>('/admin/vip-levels');
  return res.data;
}

/**
 * PUT /admin/vip-levels/:level with only the fields to change. Level 0 must stay enabled and free.
 * A changed stock quota starts a re-allocation of the level's members (`reallocationJobId`).
 */
export async function updateVipLevel(level: number, body: VipLevelUpdate): Promise<VipLevelUpdateResult> {
  const res = await http.put<VipLevelUpdateResult>(`/admin/vip-levels/${level}`, body);
  return res.data;
}
