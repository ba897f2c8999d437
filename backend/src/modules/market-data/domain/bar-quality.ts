import type { AdjFactor, DailyBar } from './market-types.js';
import { isIsoDate } from './trade-dates.js';

export type BarRejectionReason =
  | 'invalid_trade_date'
  | 'non_finite_number'
  | 'non_positive_price'
  | 'negative_volume'
  | 'negative_amount'
  | 'high_below_open_or_close'
  | 'low_above_open_or_close'
  | 'duplicate_trade_date';

export interface RejectedRow<T> {
  row: T;
  reason: BarRejectionReason | FactorRejectionReason;
  /** Human-readable specifics for the ingest log. */
  detail: string;
}

export interface QualityResult<T> {
  accepted: T[];
  rejected: RejectedRow<T>[];
}

const PRICE_FIELDS = ['open', 'high', 'low', 'close'] as const;

/**
 * Checks bars on ingest. A bad row is dropped, never repaired: a guessed price would flow into
 * signals silently, while a missing one shows up as a gap. The first row of a (tsCode, tradeDate)
 * pair wins; later duplicates are rejected.
 */
export function checkDailyBars(bars: readonly DailyBar[]): QualityResult<DailyBar> {
  const accepted: DailyBar[] = [];
  const rejected: RejectedRow<DailyBar>[] = [];
  const seen = new Set<string>();

  for (const bar of bars) {
    const problem = findBarProblem(bar);
    if (problem) {
      rejected.push({ row: bar, ...problem });
      continue;
    }
    const key = `${bar.tsCode}|${bar.tradeDate}`;
    if (seen.has(key)) {
      rejected.push({ row: bar, reason: 'duplicate_trade_date', detail: `second row for ${key}` });
      continue;
    }
    seen.add(key);
    accepted.push(bar);
  }
  return { accepted, rejected };
}

function findBarProblem(bar: DailyBar): { reason: BarRejectionReason; detail: string } | null {
  if (!isIsoDate(bar.tradeDate)) {
    return { reason: 'invalid_trade_date', detail: `tradeDate ${JSON.stringify(bar.tradeDate)}` };
  }
  const numbers: Array<[string, number | undefined]> = [
    ...PRICE_FIELDS.map((field): [string, number] => [field, bar[field]]),
    ['volume', bar.volume],
    ['amount', bar.amount],
  ];
  if (bar.preClose !== undefined) numbers.push(['preClose', bar.preClose]);
  for (const [field, value] of numbers) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return { reason: 'non_finite_number', detail: `${field}=${String(value)}` };
    }
  }
  for (const field of PRICE_FIELDS) {
    if (bar[field] <= 0) return { reason: 'non_positive_price', detail: `${field}=${bar[field]}` };
  }
  if (bar.preClose !== undefined && bar.preClose <= 0) {
    return { reason: 'non_positive_price', detail: `preClose=${bar.preClose}` };
  }
  if (bar.volume < 0) return { reason: 'negative_volume', detail: `volume=${bar.volume}` };
  if (bar.amount < 0) return { reason: 'negative_amount', detail: `amount=${bar.amount}` };
  if (bar.high < Math.max(bar.open, bar.close)) {
    return {
      reason: 'high_below_open_or_close',
      detail: `high=${bar.high} open=${bar.open} close=${bar.close}`,
    };
  }
  if (bar.low > Math.min(bar.open, bar.close)) {
    return {
      reason: 'low_above_open_or_close',
      detail: `low=${bar.low} open=${bar.open} close=${bar.close}`,
    };
  }
  return null;
}

export type FactorRejectionReason = 'invalid_trade_date' | 'non_positive_factor' | 'duplicate_trade_date';

/** Same policy for adjustment factors: a factor must be a finite number above zero. */
export function checkAdjFactors(factors: readonly AdjFactor[]): QualityResult<AdjFactor> {
  const accepted: AdjFactor[] = [];
  const rejected: RejectedRow<AdjFactor>[] = [];
  const seen = new Set<string>();
  for (const row of factors) {
    if (!isIsoDate(row.tradeDate)) {
      rejected.push({ row, reason: 'invalid_trade_date', detail: `tradeDate ${JSON.stringify(row.tradeDate)}` });
      continue;
    }
    if (typeof row.factor !== 'number' || !Number.isFinite(row.factor) || row.factor <= 0) {
      rejected.push({ row, reason: 'non_positive_factor', detail: `factor=${String(row.factor)}` });
      continue;
    }
    const key = `${row.tsCode}|${row.tradeDate}`;
    if (seen.has(key)) {
      rejected.push({ row, reason: 'duplicate_trade_date', detail: `second row for ${key}` });
      continue;
    }
    seen.add(key);
    accepted.push(row);
  }
  return { accepted, rejected };
}
