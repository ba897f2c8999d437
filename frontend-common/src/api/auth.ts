import type { AuthResult, CaptchaDto, LoginRequest } from '@zhice/shared';
import { http } from './http';

// The auth endpoints both SPAs call (the member app adds sign-up and mail links in its own api/auth.ts).

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
