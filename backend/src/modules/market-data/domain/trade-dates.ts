/**
 * Calendar-day arithmetic on `YYYY-MM-DD` strings. Done in UTC on purpose: a trade date is a label,
 * not an instant, so the process time zone must never shift it.
 */

import { addDays as addCalendarDays, isIsoDate as isCalendarDate, shanghaiDate } from '@zhice/shared';

const COMPACT_DATE = /^\d{8}$/;

/** A whole market's rows share one date: remembering the last valid one saves a Date per row. */
let lastValidIso = '';
let lastCompact = '';
let lastCompactIso: string | null = null;

export function isIsoDate(value: string): boolean {
  if (value === lastValidIso) return true;
  const valid = isCalendarDate(value);
  if (valid) lastValidIso = value;
  return valid;
}

/** `2024-01-02` → `20240102` (Tushare and AKShare parameter format). */
export function toCompactDate(isoDate: string): string {
  if (!isIsoDate(isoDate)) throw new RangeError(`not a YYYY-MM-DD date: ${isoDate}`);
  return isoDate.replaceAll('-', '');
}

/** `20240102` → `2024-01-02`; returns null when the input is not a valid compact date. */
export function fromCompactDate(compact: string): string | null {
  if (compact === lastCompact) return lastCompactIso;
  if (!COMPACT_DATE.test(compact)) return null;
  const iso = `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
  const result = isIsoDate(iso) ? iso : null;
  lastCompact = compact;
  lastCompactIso = result;
  return result;
}

export const addDays = addCalendarDays;

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(isoDate: string): number {
  return new Date(`${isoDate}T00:00:00Z`).getUTCDay();
}

/** Every calendar day from `from` to `to`, both included. */
export function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** The calendar date in China at a given instant (`shanghaiDate` of `@zhice/shared`). */
export const chinaDateOf = shanghaiDate;

/** China (UTC+8) hour at which a trade date's daily bars are published (close 15:00, data ~16:00). */
export const BARS_PUBLISHED_HOUR_CHINA = 16;

/**
 * The newest trade date whose bars a provider should have by `instant`: today once published (after
 * 16:00 China time), else the previous open date. `openDates` = open dates ascending, ending at or
 * before today (China).
 */
export function expectedTradeDate(openDates: readonly string[], instant: Date): string | null {
  const today = chinaDateOf(instant);
  const chinaHour = (instant.getUTCHours() + 8) % 24;
  const published = chinaHour >= BARS_PUBLISHED_HOUR_CHINA;
  for (let i = openDates.length - 1; i >= 0; i--) {
    const d = openDates[i]!;
    if (d < today || (d === today && published)) return d;
  }
  return null;
}
