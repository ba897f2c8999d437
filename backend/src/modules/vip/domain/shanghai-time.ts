/**
 * Calendar arithmetic in Asia/Shanghai. China has used UTC+8 all year since 1991 (no DST), so the zone
 * is a fixed +08:00 offset here and nothing depends on the process TZ.
 */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

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
  const wall = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  const total = wall.getUTCFullYear() * 12 + wall.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month0 = total - year * 12;
  const day = Math.min(wall.getUTCDate(), daysInMonth(year, month0));
  const ms = Date.UTC(
    year,
    month0,
    day,
    wall.getUTCHours(),
    wall.getUTCMinutes(),
    wall.getUTCSeconds(),
    wall.getUTCMilliseconds(),
  );
  return new Date(ms - SHANGHAI_OFFSET_MS);
}

/** ISO-8601 with +08:00, e.g. `2025-01-31T10:00:00.000+08:00` (for messages and tests). */
export function formatShanghai(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().replace('Z', '+08:00');
}
