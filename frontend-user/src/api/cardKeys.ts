import type { UserDto, VipGrantDto } from '@zhice/shared';
import { http } from './http';

/** POST /me/card-keys/redeem: spaces, dashes, case and full-width forms are fine (the server normalises). */
export async function redeemCardKey(code: string): Promise<{ user: UserDto; grant: VipGrantDto }> {
  return (await http.post<{ user: UserDto; grant: VipGrantDto }>('/me/card-keys/redeem', { code })).data;
}
