/**
 * Asia/Shanghai calendar arithmetic, the one copy for backend and both SPAs. China has used UTC+8
 * all year since 1991 (no DST), so the zone is a fixed +08:00 offset and nothing depends on the
 * process's or the browser's time zone. Calendar dates are `YYYY-MM-DD` strings.
 */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The Shanghai wall clock of an instant, as a Date whose UTC fields read the wall clock. */
function wall(at: Date): Date {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS);
}

/** The calendar date in Asia/Shanghai of an instant. */
export function shanghaiDate(at: Date): string {
  return wall(at).toISOString().slice(0, 10);
}

/** Minutes since midnight in Asia/Shanghai. */
export function shanghaiMinutes(at: Date): number {
  const d = wall(at);
  return d.getUTCHours() * 60 + d.getUTCMinutes();
}

/** Milliseconds until the next Shanghai midnight (e.g. when a daily quota resets). */
export function msUntilShanghaiMidnight(at: Date): number {
  return DAY_MS - (wall(at).getTime() % DAY_MS);
}

/** The instant a Shanghai calendar date (`YYYY-MM-DD`) begins; an invalid Date for anything else. */
export function shanghaiMidnight(date: string): Date {
  return isIsoDate(date) ? new Date(Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET_MS) : new Date(Number.NaN);
}

/** ISO-8601 with +08:00, e.g. `2025-01-31T10:00:00.000+08:00` (exports, messages, tests). */
export function formatShanghai(at: Date): string {
  return wall(at).toISOString().replace('Z', '+08:00');
}

/** `YYYYMMDD-HHmmss` on the Shanghai wall clock (file names). */
export function shanghaiStamp(at: Date): string {
  const iso = wall(at).toISOString();
  return `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}`;
}

/** True for a real calendar date written `YYYY-MM-DD` (2025-02-30 is not). */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string' || !ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** A calendar date plus `days` (may be negative). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function daysInMonth(year: number, month0: number): number {
  return new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
}

/**
 * `at` + `months` calendar months on the Shanghai wall clock: same day of month and time of day; when
 * that day does not exist in the target month it is clamped to the month's last day
 * (Jan 31 + 1 month = Feb 28, or Feb 29 in a leap year; Aug 31 + 3 months = Nov 30).
 * Clamping is not undone later: (Jan 31 + 1) + 1 = Mar 28, while Jan 31 + 2 = Mar 31.
 * `months` may be negative.
 */
export function addMonthsShanghai(at: Date, months: number): Date {
  if (!Number.isInteger(months)) throw new RangeError(`months must be an integer, got ${months}`);
  const w = wall(at);
  const total = w.getUTCFullYear() * 12 + w.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month0 = total - year * 12;
  const day = Math.min(w.getUTCDate(), daysInMonth(year, month0));
  const ms = Date.UTC(year, month0, day, w.getUTCHours(), w.getUTCMinutes(), w.getUTCSeconds(), w.getUTCMilliseconds());
  return new Date(ms - SHANGHAI_OFFSET_MS);
}

/** The Shanghai wall clock's year and month (0-based) of an instant. */
export function shanghaiYearMonth(at: Date): { year: number; month0: number } {
  const w = wall(at);
  return { year: w.getUTCFullYear(), month0: w.getUTCMonth() };
}
