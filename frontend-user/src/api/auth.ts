import type { AuthResult, RegisterRequest } from '@zhice/shared';
import { http } from './http';

// Sign-in, captcha and sign-out are the same for both apps (frontend-common/src/api/auth.ts).
export { getCaptcha, login, logout } from '@zhice/frontend-common/api/auth';

/** Registration body: the member acknowledges "research tool, not investment advice" (stored server-side). */
export type RegisterBody = RegisterRequest & { riskAck: true };

export async function register(body: RegisterBody): Promise<AuthResult> {
  const res = await http.post<AuthResult>('/auth/register', body, { skipAuthRefresh: true });
  return res.data;
}

/** Mails a verification link to the signed-in member's address. */
export async function sendVerificationMail(): Promise<void> {
  await http.post('/auth/email/verification');
}

export async function verifyEmail(token: string): Promise<void> {
  await http.post('/auth/email/verify', { token }, { skipAuthRefresh: true });
}

/** Always answers 204, whether or not the address is registered. */
export async function forgotPassword(email: string): Promise<void> {
  await http.post('/auth/password/forgot', { email }, { skipAuthRefresh: true });
}

export async function resetPassword(token: string, password: string): Promise<void> {
  await http.post('/auth/password/reset', { token, password }, { skipAuthRefresh: true });
}
