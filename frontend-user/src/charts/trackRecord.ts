import type { MyTrackRecordDto, TrackRecordWindowDto } from '@zhice/shared';

/** The record's windows, ascending. */
export function trackRecordRows(record: MyTrackRecordDto | null): TrackRecordWindowDto[] {
  return [...(record?.windows ?? [])].sort((a, b) => a.window - b.window);
}

/** Hit rate in % (one decimal), null when there is none. */
const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);

export interface TrackRecordBars {
  window: number;
  /** hit rates in %: this stock, the strategy over all stocks, the strategy's random baseline */
  stock: number | null;
  strategy: number | null;
  baseline: number | null;
}

/**
 * The grouped bars per window (%): this stock's hit rate, the strategy's over all stocks, and the
 * random baseline of the strategy's signals (drawn with plain HTML in TrackRecordCard). Pure, unit-tested.
 */
export function trackRecordBars(rows: readonly TrackRecordWindowDto[]): TrackRecordBars[] {
  return rows.map((r) => ({ window: r.window, stock: pct(r.stock.hitRate), strategy: pct(r.strategy.hitRate), baseline: pct(r.strategy.baseline.hitRate) }));
}

/** The window the one-line reading speaks about: 5 days when present, else the first. */
export function headlineWindow(rows: readonly TrackRecordWindowDto[]): TrackRecordWindowDto | null {
  return rows.find((r) => r.window === 5) ?? rows[0] ?? null;
}

/** A fraction as a signed percentage, e.g. 0.0123 → "+1.23%". */
export function signedPct(x: number | null, digits = 2): string {
  if (x === null || !Number.isFinite(x)) return '—';
  const v = (x * 100).toFixed(digits);
  return `${x > 0 && Number(v) !== 0 ? '+' : ''}${v}%`;
}
