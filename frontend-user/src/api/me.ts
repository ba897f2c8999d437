import type { Paged, MySubscriptionDto, UserDto, VipGrantDto } from '@zhice/shared';
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

/** My subscription as stored (may have expired); the free level (`free: true`, no dates) when I never had a paid level. */
export async function getMySubscription(): Promise<MySubscriptionDto> {
  const res = await http.get<MySubscriptionDto>('/me/subscription');
  return res.data;
}

/** POST /me/risk-ack: an account an admin created acknowledges the risk disclosure at first login. */
export async function acknowledgeRisk(): Promise<UserDto> {
  const res = await http.post<UserDto>('/me/risk-ack', { riskAck: true });
  return res.data;
}
