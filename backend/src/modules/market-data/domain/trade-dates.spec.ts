import { describe, expect, it } from 'vitest';
import { expectedTradeDate } from './trade-dates.js';

describe('expectedTradeDate', () => {
  const open = ['2026-02-26', '2026-02-27', '2026-03-02'];
  it("is today's date once the bars are published (16:00 China), else the previous open date", () => {
    expect(expectedTradeDate(open, new Date('2026-03-02T02:00:00Z'))).toBe('2026-02-27'); // 10:00 China
    expect(expectedTradeDate(open, new Date('2026-03-02T08:00:00Z'))).toBe('2026-03-02'); // 16:00 China
    expect(expectedTradeDate(open, new Date('2026-03-01T17:00:00Z'))).toBe('2026-02-27'); // 01:00 China on 03-02
    expect(expectedTradeDate(open.slice(0, 2), new Date('2026-03-01T04:00:00Z'))).toBe('2026-02-27'); // a Sunday
    expect(expectedTradeDate([], new Date('2026-03-01T04:00:00Z'))).toBeNull();
  });
});
