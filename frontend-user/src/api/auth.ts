import type { AuthResult, CaptchaDto, LoginRequest, RegisterRequest } from '@zhice/shared';
import { http } from './http';

/** Registration body: the member acknowledges "research tool, not investment advice" (stored server-side). */
export type RegisterBody = RegisterRequest & { riskAck: true };

export async function register(body: RegisterBody): Promise<AuthResult> {
  const res = await http.post<AuthResult>('/auth/register', body, { skipAuthRefresh: true });
  return res.data;
}

export async function login(body: LoginRequest): Promise<AuthResult> {
  const res = await http.post<AuthResult>('/auth/login', body, { skipAuthRefresh: true });
  return res.data;
}

export async function getCaptcha(): Promise<CaptchaDto> {
  const res = await http.get<CaptchaDto>('/auth/captcha', { skipAuthRefresh: true });
  return res.data;
}

export async function logout(refreshToken: string): Promise<void> {
  await http.post('/auth/logout', { refreshToken }, { skipAuthRefresh: true });
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
