import type { UserDto } from '@zhice/shared';
import { http } from './http';

export async function getMe(): Promise<UserDto> {
  const res = await http.get<UserDto>('/me');
  return res.data;
}

/** `POST /me/password` → 204: the signed-in user's own password (the current one must be right). */
export async function changeMyPassword(body: { currentPassword: string; newPassword: string }): Promise<void> {
  await http.post('/me/password', body);
}
