import type { VipLevelPublic } from '@zhice/shared';
import { http } from './http';

export async function listVipLevels(): Promise<VipLevelPublic[]> {
  const res = await http.get<VipLevelPublic[]>('/vip-levels');
  return res.data;
}
