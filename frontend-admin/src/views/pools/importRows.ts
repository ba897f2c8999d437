import type { PoolPreviewDto } from '@zhice/shared';
import { shanghaiYearMonth } from '@zhice/shared';

/** One line of the preview table: valid and invalid rows together, in file order. */
export interface PreviewRow {
  line: number;
  ok: boolean;
  value: string;
  tsCode: string | null;
  name: string | null;
  reason: PoolPreviewDto['invalid'][number]['reason'] | null;
  message: string | null;
  suspended: boolean;
}

export function previewRows(p: PoolPreviewDto): PreviewRow[] {
  const rows: PreviewRow[] = [
    ...p.valid.map((v) => ({ line: v.line, ok: true, value: v.tsCode, tsCode: v.tsCode, name: v.name, reason: null, message: null, suspended: v.status === 'suspended' })),
    ...p.invalid.map((i) => ({ line: i.line, ok: false, value: i.value, tsCode: i.tsCode ?? null, name: null, reason: i.reason, message: i.message, suspended: false })),
  ];
  // Stable: several codes may share a line; keep the server's order within a line.
  return rows.map((r, i) => ({ r, i })).sort((a, b) => a.r.line - b.r.line || a.i - b.i).map(({ r }) => r);
}

/** The next calendar quarter (Beijing dates) as the default period and name of a new pool. */
export function nextQuarter(now: Date = new Date()): { startsOn: string; endsOn: string; year: number; quarter: number } {
  const bj = shanghaiYearMonth(now);
  let year = bj.year;
  let quarter = Math.floor(bj.month0 / 3) + 2;
  if (quarter > 4) {
    quarter = 1;
    year += 1;
  }
  const startMonth = (quarter - 1) * 3;
  const end = new Date(Date.UTC(year, startMonth + 3, 0));
  const pad = (n: number) => String(n).padStart(2, '0');
  return { startsOn: `${year}-${pad(startMonth + 1)}-01`, endsOn: `${year}-${pad(startMonth + 3)}-${pad(end.getUTCDate())}`, year, quarter };
}
