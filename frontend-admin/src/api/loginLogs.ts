import type { LoginLogDto, Paged } from '@zhice/shared';
import { cleanParams } from './errors';
import { http } from './http';

export type LoginResult = LoginLogDto['result'];
export const LOGIN_RESULTS: readonly LoginResult[] = [
  'success',
  'bad_credentials',
  'captcha_required',
  'captcha_invalid',
  'locked',
  'disabled',
];

export interface LoginLogQuery {
  username?: string;
  result?: LoginResult | '';
  /** ISO-8601 with offset */
  from?: string;
  /** ISO-8601 with offset */
  to?: string;
  page: number;
  pageSize: number;
}

export async function listLoginLogs(query: LoginLogQuery): Promise<Paged<LoginLogDto>> {
  const res = await http.get<Paged<LoginLogDto>>('/admin/login-logs', { params: cleanParams(query) });
  return res.data;
}
