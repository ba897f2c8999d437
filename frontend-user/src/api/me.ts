import type { Paged, SubscriptionDto, UserDto, VipGrantDto } from '@zhice/shared';
import { http } from './http';

export async function getMe(): Promise<UserDto> {
  const res = await http.get<UserDto>('/me');
  return res.data;
}

/** My membership history, newest first. */
export async function listMyGrants(query: { page: number; pageSize: number }): Promise<Paged<VipGrantDto>> {
  const res = await http.get<Paged<VipGrantDto>>('/me/vip-grants', { params: query });
  return res.data;
}

/**
 * My subscription as stored (may have expired); null when I never had a paid level.
 * (The API answers that case with an empty body, not JSON `null`.)
 */
export async function getMySubscription(): Promise<SubscriptionDto | null> {
  const res = await http.get<SubscriptionDto | '' | null>('/me/subscription');
  return res.data && typeof res.data === 'object' ? res.data : null;
}
