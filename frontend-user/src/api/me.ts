import type { UserDto } from '@zhice/shared';
import { http } from './http';

export async function getMe(): Promise<UserDto> {
  const res = await http.get<UserDto>('/me');
  return res.data;
}
