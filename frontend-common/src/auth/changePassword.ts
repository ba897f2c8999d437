import type { ChangePasswordRequest, UserDto } from '@zhice/shared';
import { http } from '../api/http';

/**
 * `POST /me/password`. The caller's refresh token goes along so that session is kept while every
 * other one ends; the access token in hand dies with the change (token version), and the HTTP
 * client's single-flight refresh gets a new one on the next call.
 */
export async function changePassword(body: ChangePasswordRequest): Promise<void> {
  await http.post('/me/password', body);
}

/** Route name of each app's change-password page. */
export const CHANGE_PASSWORD_ROUTE = 'change-password';

/**
 * Where the guard sends an account whose password someone else chose (`user.mustChangePassword`):
 * the change-password page, remembering where it was going; null when it may go on.
 */
export function passwordChangeRedirect(user: Pick<UserDto, 'mustChangePassword'> | null | undefined, to: { name?: unknown; fullPath: string }) {
  if (!user?.mustChangePassword || to.name === CHANGE_PASSWORD_ROUTE) return null;
  return { name: CHANGE_PASSWORD_ROUTE, query: { redirect: to.fullPath } };
}
