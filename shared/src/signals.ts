/** Signals, strategies, runs, evaluation and the hash chain: the API shapes (types only). */
import type { SignalActionName } from './pools.js';
import type { JobStatus } from './types.js';

/** Forward-return windows in trading days. */
export type SignalWindow = 1 | 5 | 10 | 20;
export const SIGNAL_WINDOWS: readonly SignalWindow[] = [1, 5, 10, 20];

export interface StrategyParamSpecDto {
  key: string;
  label: string;
  integer: boolean;
  min: number;
  max: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
}

export interface StrategyVersionDto {
  version: number;
  /** The full, resolved parameter set of this version. */
  params: Record<string, unknown>;
  /** Why the version exists: `default`, `params` (an admin change) or `data revision …`. */
  note: string;
  createdAt: string;
  createdBy: string | null;
}

/** `GET /api/v1/admin/strategies` item. */
export interface StrategyDto {
  id: string;
  description: string;
  paramSpecs: StrategyParamSpecDto[];
  defaultParams: Record<string, unknown>;
  /** The version new runs use (the latest). */
  active: StrategyVersionDto;
  /** Every version, newest first. */
  history: StrategyVersionDto[];
  /** VIP levels mapped to this strategy. */
  levels: number[];
}

export interface UpdateStrategyParamsRequest {
  params: Record<string, unknown>;
}

export interface SignalRunFailureDto {
  tsCode: string;
  message: string;
}

/** `GET /api/v1/admin/signals/runs/:id` (list items omit `failures`). */
export interface SignalRunDto {
  id: string;
  tradeDate: string;
  status: JobStatus;
  total: number;
  processed: number;
  failed: number;
  startedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
  message: string | null;
  /** `{ strategyId: version }` computed by the run (known once it started). */
  strategies: Record<string, number>;
  /** Rows the run published (new rows only; an identical re-run publishes none). */
  published: number | null;
  failures?: SignalRunFailureDto[];
}

export interface StartSignalRunRequest {
  tradeDate?: string;
}

export interface SignalReasonsDto {
  values: Record<string, number | null>;
  prev: Record<string, number | null>;
  rulesFired: string[];
}

/** A published signal as members and admins read it. */
export interface SignalDto {
  tradeDate: string;
  tsCode: string;
  strategyId: string;
  version: number;
  action: SignalActionName;
  score: number;
  close: number;
  reasons: SignalReasonsDto;
  /** Forward returns (fractions) by window; null while the future bars do not exist. */
  forward: Record<`${SignalWindow}`, number | null>;
  /** Part of the day's hash-chain link (false for a later revision of an already chained day). */
  inChain: boolean;
}

/** `GET /api/v1/me/signals` */
export interface MySignalsPageDto {
  items: SignalDto[];
  total: number;
  page: number;
  pageSize: number;
  /** The member's strategy (their effective VIP level's). */
  strategyId: string;
}

/** Per-stock data freshness: stale when the stock's latest bar is older than the latest trading day. */
export interface StockFreshnessDto {
  tsCode: string;
  latestBarDate: string | null;
  /** The latest trading day whose data should be stored by now. */
  expectedDate: string | null;
  stale: boolean;
  /** Some bars are synthetic demo data. */
  synthetic: boolean;
}

/** `GET /api/v1/me/signals/freshness` */
export interface MyFreshnessDto {
  expectedDate: string | null;
  items: StockFreshnessDto[];
}

/** `GET /api/v1/me/signals/latest?tsCode=` — what the stock detail page shows beside the chart. */
export interface MyStockSignalSummaryDto {
  tsCode: string;
  name: string;
  strategyId: string;
  strategyDescription: string;
  latest: SignalDto | null;
  freshness: StockFreshnessDto;
}

export interface SignalBaselineDto {
  count: number;
  hitRate: number | null;
  meanReturn: number | null;
}

export interface SignalStatsItemDto {
  strategyId: string;
  window: SignalWindow;
  /** BUY + SELL signals whose forward return at this window is known. */
  count: number;
  hits: number;
  hitRate: number | null;
  /** Mean direction-adjusted forward return (BUY: r, SELL: −r). */
  meanReturn: number | null;
  /** Random picks from the same pool on the same dates with the same BUY/SELL mix (expected value). */
  baseline: SignalBaselineDto;
}

/** `GET /api/v1/signals/stats` */
export interface SignalStatsDto {
  items: SignalStatsItemDto[];
}

/** How a track record compares with random picks (issue 11 item 6); computed by the API's domain rule. */
export type TrackRecordVerdict = 'better' | 'worse' | 'no_better_than_random' | 'too_few_samples';
export const TRACK_RECORD_VERDICTS: readonly TrackRecordVerdict[] = ['better', 'worse', 'no_better_than_random', 'too_few_samples'];

/** A 95 % confidence interval. */
export interface IntervalDto {
  low: number;
  high: number;
}

/** One scope's figures at one window: this stock's signals, or the strategy's over all stocks. */
export interface TrackRecordFiguresDto {
  /** BUY + SELL signals whose forward return at this window is known. */
  count: number;
  hits: number;
  hitRate: number | null;
  /** Wilson score interval of the hit rate; null without samples. */
  hitRateInterval: IntervalDto | null;
  /** Average direction-adjusted forward return (fraction; BUY: r, SELL: −r). */
  meanReturn: number | null;
  /** meanReturn ± 1.96·sd/√n; null below 2 samples. */
  meanReturnInterval: IntervalDto | null;
  /** Random picks from the same pool on the same dates with the same BUY/SELL mix (expected value). */
  baseline: SignalBaselineDto;
  verdict: TrackRecordVerdict;
}

export interface TrackRecordWindowDto {
  window: SignalWindow;
  stock: TrackRecordFiguresDto;
  strategy: TrackRecordFiguresDto;
}

/** `GET /api/v1/me/signals/track-record?tsCode=` — one of the member's own stocks. */
export interface MyTrackRecordDto {
  tsCode: string;
  strategyId: string;
  /** Below this many samples the verdict is `too_few_samples`. */
  minSamples: number;
  windows: TrackRecordWindowDto[];
}

/** `GET /api/v1/signals/chain/head` */
export interface ChainHeadDto {
  tradeDate: string | null;
  hash: string;
  days: number;
}

export interface ChainRowDto {
  tsCode: string;
  strategyId: string;
  version: number;
  action: SignalActionName;
  score: number;
  close: number;
  reasons: unknown;
}

/** `GET /api/v1/signals/chain/days/:tradeDate` */
export interface ChainDayDto {
  tradeDate: string;
  /** Position in the chain (publication order, 1-based). */
  seq: number;
  prevHash: string;
  hash: string;
  /** sha256 of `payload`. */
  payloadHash: string;
  rowCount: number;
  /** `{ strategyId: version }` the link covers. */
  strategies: Record<string, number>;
  publishedAt: string;
  /** The canonical payload (admins only; null for others); hash = sha256_hex(prevHash + "\n" + tradeDate + "\n" + payload). */
  payload: string | null;
  /** One per row in canonical order: sha256_hex(salt + "\n" + the row's canonical text). For everyone. */
  rowDigests: string[];
  /** The rows the caller may see (a member: own stocks; an admin: all; an agent: none), with their index and salt. */
  rows: Array<ChainRowDto & { index: number; salt: string }>;
}

/** `GET /api/v1/signals/chain/verify` */
export interface ChainVerifyDto {
  ok: boolean;
  brokenAt: string | null;
  reason: string | null;
  verifiedDays: number;
  head: string;
  days: number;
}

/** `GET /api/v1/admin/signals/days` item. */
export interface SignalDayDto {
  tradeDate: string;
  status: 'staging' | 'published';
  rowCount: number;
  strategies: Record<string, number>;
  seq: number | null;
  hash: string | null;
  publishedAt: string | null;
}
