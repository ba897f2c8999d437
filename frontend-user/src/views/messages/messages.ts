import type { MyStockDto, UserDto } from '@zhice/shared';
import { daysLeft } from '@/utils/format';

/** One notice on the messages page (built from what the member's data says; no inbox on the server yet). */
export interface Notice {
  kind: 'signals' | 'expiry' | 'expired' | 'welcome';
  values: Record<string, string | number>;
}

/** The member's notices, newest first: today's signals, membership ending soon or ended, welcome. */
export function noticesOf(user: Pick<UserDto, 'vipLevel' | 'vipExpiresAt'> | null, stocks: readonly MyStockDto[], now: Date = new Date()): Notice[] {
  const out: Notice[] = [];
  const dates = stocks.map((s) => s.latestSignal?.tradeDate).filter((d): d is string => !!d).sort();
  const latest = dates.at(-1);
  if (latest) {
    const today = stocks.filter((s) => s.latestSignal?.tradeDate === latest);
    const count = (a: string) => today.filter((s) => s.latestSignal?.action === a).length;
    out.push({ kind: 'signals', values: { date: latest, buy: count('BUY'), sell: count('SELL'), hold: count('HOLD') } });
  }
  const left = user ? daysLeft(user.vipExpiresAt, now) : null;
  if (user && user.vipLevel > 0 && left !== null && left > 0 && left <= 7) out.push({ kind: 'expiry', values: { n: left } });
  if (user && left !== null && left <= 0) out.push({ kind: 'expired', values: {} });
  out.push({ kind: 'welcome', values: {} });
  return out;
}
