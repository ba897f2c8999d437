import { describe, expect, it } from 'vitest';
import { fenToYuan } from '@zhice/shared';
import { daysLeft, formatDate, formatDateTime, formatDateTimeShort, shanghaiDayRange } from './format';

describe('formatters', () => {
  it('formats instants in Asia/Shanghai whatever the input offset', () => {
    expect(formatDateTime('2025-01-01T16:30:05Z')).toBe('2025-01-02 00:30:05');
    expect(formatDateTime('2025-06-30T23:59:59+08:00')).toBe('2025-06-30 23:59:59');
    expect(formatDateTimeShort('2025-03-01T04:05:00Z')).toBe('2025-03-01 12:05');
    expect(formatDate('2025-01-01T16:00:00Z')).toBe('2025-01-02');
  });

  it('agrees with ICU\'s Asia/Shanghai from 1992 on, and uses ICU before (daylight saving until 1991)', () => {
    const icu = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    for (let t = Date.UTC(1991, 11, 31, 15, 59, 59); t < Date.UTC(2080, 0, 1); t += 86_400_000 * 97 + 3_607_123) {
      expect(formatDateTime(new Date(t))).toBe(icu.format(new Date(t)));
    }
    expect(formatDateTime('1991-12-31T16:00:00Z')).toBe('1992-01-01 00:00:00');
    // summer time in 1988: UTC+9
    expect(formatDateTime('1988-07-01T00:00:00Z')).toBe('1988-07-01 09:00:00');
  });

  it('uses the fallback for empty or invalid input', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('', 'n/a')).toBe('n/a');
    expect(formatDate('not a date')).toBe('—');
  });

  it('counts days left, rounding up, and ≤ 0 once expired', () => {
    const now = new Date('2025-01-01T00:00:00Z');
    expect(daysLeft('2025-01-31T00:00:00Z', now)).toBe(30);
    expect(daysLeft('2025-01-01T03:00:00Z', now)).toBe(1);
    expect(daysLeft('2024-12-31T00:00:00Z', now)).toBe(-1);
    expect(daysLeft(null, now)).toBeNull();
  });

  it('turns a Beijing date range into ISO instants with offset', () => {
    expect(shanghaiDayRange('2025-01-01', '2025-01-31')).toEqual({
      from: '2025-01-01T00:00:00.000+08:00',
      to: '2025-01-31T23:59:59.999+08:00',
    });
  });

  it('shows money in yuan', () => {
    expect(fenToYuan(12345)).toBe('123.45');
    expect(fenToYuan(5)).toBe('0.05');
  });
});
