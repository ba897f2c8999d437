import { describe, expect, it } from 'vitest';
import { nextQuarter, previewRows } from './importRows';

describe('previewRows', () => {
  it('merges valid and invalid rows in line order, keeping codes that share a line in order', () => {
    const rows = previewRows({
      format: 'text',
      header: null,
      valid: [
        { line: 3, tsCode: '600519.SH', name: '贵州茅台', status: 'listed' },
        { line: 3, tsCode: '000858.SZ', name: '五粮液', status: 'listed' },
        { line: 1, tsCode: '300750.SZ', name: '宁德时代', status: 'suspended' },
      ],
      invalid: [{ line: 2, value: '999999', reason: 'UNKNOWN', message: 'x', tsCode: '999999.SH' }],
    });
    expect(rows.map((r) => [r.line, r.ok, r.tsCode])).toEqual([
      [1, true, '300750.SZ'],
      [2, false, '999999.SH'],
      [3, true, '600519.SH'],
      [3, true, '000858.SZ'],
    ]);
    expect(rows[0]!.suspended).toBe(true);
    expect(rows[1]).toMatchObject({ reason: 'UNKNOWN', value: '999999' });
  });
});

describe('nextQuarter', () => {
  it('is the calendar quarter after the current Beijing date', () => {
    expect(nextQuarter(new Date('2026-11-22T02:00:00Z'))).toEqual({ startsOn: '2027-01-01', endsOn: '2027-03-31', year: 2027, quarter: 1 });
    expect(nextQuarter(new Date('2026-03-31T17:00:00Z'))).toEqual({ startsOn: '2026-07-01', endsOn: '2026-09-30', year: 2026, quarter: 3 }); // already April 1st in Beijing
    expect(nextQuarter(new Date('2026-05-10T00:00:00Z'))).toMatchObject({ startsOn: '2026-07-01', endsOn: '2026-09-30' });
    expect(nextQuarter(new Date('2026-08-01T00:00:00Z'))).toMatchObject({ startsOn: '2026-10-01', endsOn: '2026-12-31' });
  });
});
