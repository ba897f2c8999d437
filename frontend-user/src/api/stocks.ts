import type { MyStocksDto } from '@zhice/shared';
import { http } from './http';

/** GET /me/stocks: the member's allocated stocks with their latest signal. */
export async function getMyStocks(): Promise<MyStocksDto> {
  return (await http.get<MyStocksDto>('/me/stocks')).data;
}
