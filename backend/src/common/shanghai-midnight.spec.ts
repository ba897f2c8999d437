import { shanghaiDate, shanghaiMidnight } from '@zhice/shared';
import { describe, expect, it } from 'vitest';

// The shared Asia/Shanghai module's day start (card-key lists filter by Beijing calendar days with it).
describe('shanghaiMidnight', () => {
  it('is 16:00 UTC of the day before, and its Shanghai date is the day itself', () => {
    expect(shanghaiMidnight('2026-03-01').toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(shanghaiMidnight('2024-03-01').toISOString()).toBe('2024-02-29T16:00:00.000Z');
    expect(shanghaiDate(shanghaiMidnight('2026-12-05'))).toBe('2026-12-05');
    expect(shanghaiDate(new Date(shanghaiMidnight('2026-12-05').getTime() - 1))).toBe('2026-12-04');
  });

  it('is an invalid Date for anything but a real YYYY-MM-DD', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '2026-1-01', '', '2026-03-01T00:00:00Z']) expect(Number.isNaN(shanghaiMidnight(bad).getTime())).toBe(true);
  });
});
