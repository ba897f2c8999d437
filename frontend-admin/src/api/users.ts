import type { Paged, Role, SubscriptionDto, UserDto, VipGrantDto } from '@zhice/shared';
import { cleanParams } from './errors';
import { http } from './http';

export type UserStatus = UserDto['status'];
/** `field:asc|desc`, e.g. `createdAt:desc` */
export type UserSort = `${'createdAt' | 'username'}:${'asc' | 'desc'}`;

export interface UserListQuery {
  q?: string;
  role?: Role | '';
  vipLevel?: number | '';
  status?: UserStatus | '';
  sort?: UserSort;
  page: number;
  pageSize: number;
}

export async function listUsers(query: UserListQuery): Promise<Paged<UserDto>> {
  const res = await http.get<Paged<UserDto>>('/admin/users', { params: cleanParams(query) });
  return res.data;
}

export interface CreateUserBody {
  username: string;
  password: string;
  email?: string;
  role: Role;
}

export async function createUser(body: CreateUserBody): Promise<UserDto> {
  const res = await http.post<UserDto>('/admin/users', body);
  return res.data;
}

export interface UserDetail {
  user: UserDto;
  /** null when the user never had a paid level */
  subscription: SubscriptionDto | null;
}

export async function getUserDetail(id: string): Promise<UserDetail> {
  const res = await http.get<UserDetail>(`/admin/users/${encodeURIComponent(id)}`);
  return res.data;
}

/** PATCH /admin/users/:id; `email: null` removes the address (a new one must be verified again). */
export async function updateUserEmail(id: string, email: string | null): Promise<UserDto> {
  const res = await http.patch<UserDto>(`/admin/users/${encodeURIComponent(id)}`, { email });
  return res.data;
}

/** Disabling also ends every session of the user at once. */
export async function setUserStatus(id: string, status: UserStatus): Promise<UserDto> {
  const action = status === 'disabled' ? 'disable' : 'enable';
  const res = await http.post<UserDto>(`/admin/users/${encodeURIComponent(id)}/${action}`);
  return res.data;
}

/**
 * Sets a new password, or generates one when `password` is omitted: the generated password is
 * returned here once (`null` when one was given). Every session of the user ends.
 */
export async function resetUserPassword(id: string, password?: string): Promise<{ password: string | null }> {
  const body = password === undefined ? {} : { password };
  const res = await http.post<{ password: string | null }>(`/admin/users/${encodeURIComponent(id)}/password`, body);
  return res.data;
}

export interface GrantVipBody {
  level: number;
  /** whole months, 1–36 */
  months: number;
  /** 1–200 characters */
  reason: string;
  /** one per dialog: the same key again answers the first grant and extends nothing */
  idempotencyKey?: string;
}

export interface GrantVipResult {
  user: UserDto;
  grant: VipGrantDto;
}

/**
 * POST /admin/users/:id/vip-grants. Refusals: 409 VIP_DOWNGRADE_NOT_ALLOWED, 400 VIP_INVALID_GRANT
 * (`details.reason`), 400 VIP_LEVEL_DISABLED.
 */
export async function grantVip(id: string, body: GrantVipBody): Promise<GrantVipResult> {
  const res = await http.post<GrantVipResult>(`/admin/users/${encodeURIComponent(id)}/vip-grants`, body);
  return res.data;
}

export async function listUserGrants(id: string, query: { page: number; pageSize: number }): Promise<Paged<VipGrantDto>> {
  const res = await http.get<Paged<VipGrantDto>>(`/admin/users/${encodeURIComponent(id)}/vip-grants`, { params: query });
  return res.data;
}
