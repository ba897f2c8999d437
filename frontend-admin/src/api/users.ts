import type { Paged, Role, UserDto } from '@zhice/shared';
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
