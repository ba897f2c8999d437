/** Display helpers. Every time on screen is Asia/Shanghai, whatever the browser's zone. */
import { formatShanghai } from '@zhice/shared';

export const TIME_ZONE = 'Asia/Shanghai';

// Asia/Shanghai has been UTC+8 all year since its last daylight-saving period ended in September
// 1991: later instants take the shared fixed-offset rule (`formatShanghai` of @zhice/shared, the one
// copy of the +08:00 arithmetic). Building an Intl.DateTimeFormat with a time zone loads ICU's zone
// data (~60 ms of a slow phone's main thread, inside the task that renders the first list): only
// instants before 1992 (none the app shows in practice) or after 9999 take that path.
const FIXED_OFFSET_FROM = Date.UTC(1991, 11, 31, 16); // 1992-01-01 00:00 in Beijing
const FIXED_OFFSET_UNTIL = Date.UTC(9999, 11, 31, 16); // four-digit years only
let dateTimeFormat: Intl.DateTimeFormat | undefined;

function parts(date: Date): Record<string, string> {
  const t = date.getTime();
  if (t >= FIXED_OFFSET_FROM && t < FIXED_OFFSET_UNTIL) {
    const iso = formatShanghai(date); // 2025-01-31T10:00:00.000+08:00
    return { year: iso.slice(0, 4), month: iso.slice(5, 7), day: iso.slice(8, 10), hour: iso.slice(11, 13), minute: iso.slice(14, 16), second: iso.slice(17, 19) };
  }
  dateTimeFormat ??= new Intl.DateTimeFormat('zh-CN', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const out: Record<string, string> = {};
  for (const part of dateTimeFormat.formatToParts(date)) out[part.type] = part.value;
  return out;
}

function toDate(value: string | Date | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** `2025-01-02 15:04:05` in Beijing time; `fallback` for empty or invalid input. */
export function formatDateTime(value: string | Date | null | undefined, fallback = '—'): string {
  const date = toDate(value);
  if (!date) return fallback;
  const p = parts(date);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** `2025-01-02 15:04` in Beijing time. */
export function formatDateTimeShort(value: string | Date | null | undefined, fallback = '—'): string {
  const date = toDate(value);
  if (!date) return fallback;
  const p = parts(date);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** `2025-01-02` (the Beijing calendar date). */
export function formatDate(value: string | Date | null | undefined, fallback = '—'): string {
  const date = toDate(value);
  if (!date) return fallback;
  const p = parts(date);
  return `${p.year}-${p.month}-${p.day}`;
}

/**
 * Whole days left until `expiresAt` (rounded up, so "expires in 3 h" is 1 day);
 * 0 or less once expired; null when there is no expiry.
 */
export function daysLeft(expiresAt: string | Date | null | undefined, now: Date = new Date()): number | null {
  const date = toDate(expiresAt);
  if (!date) return null;
  return Math.ceil((date.getTime() - now.getTime()) / 86_400_000);
}

/** A Beijing calendar-date range (`YYYY-MM-DD`) as ISO instants with offset: [start of `from`, end of `to`]. */
export function shanghaiDayRange(from: string, to: string): { from: string; to: string } {
  return { from: `${from}T00:00:00.000+08:00`, to: `${to}T23:59:59.999+08:00` };
}
