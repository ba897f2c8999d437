/** Stock pools, allocations and members' stocks: the API shapes (types only). */

export type StockPoolStatus = 'draft' | 'active' | 'archived';
export const STOCK_POOL_STATUSES: readonly StockPoolStatus[] = ['draft', 'active', 'archived'];

export type StockListingStatus = 'listed' | 'suspended' | 'delisted';

/** `GET /api/v1/admin/stock-pools` item. Dates are `YYYY-MM-DD`, times ISO-8601. */
export interface StockPoolDto {
  id: string;
  name: string;
  status: StockPoolStatus;
  startsOn: string;
  endsOn: string;
  stockCount: number;
  createdBy: string | null;
  createdAt: string;
  activatedAt: string | null;
  archivedAt: string | null;
  /** The job re-allocating members after activation (progress: GET …/stock-pools/:id/activation). */
  activationJobId: string | null;
}

export interface StockPoolItemDto {
  /** 1-based position in the pool as imported. */
  position: number;
  tsCode: string;
  name: string;
  status: StockListingStatus;
  /** Members holding it: live while the pool is active, frozen at rotation for archived pools. */
  holders: number;
}

export interface StockPoolDetailDto extends StockPoolDto {
  items: StockPoolItemDto[];
}

export interface PoolHoldersDto {
  poolId: string;
  status: StockPoolStatus;
  /** Sum of holders over all stocks (= active allocations while the pool is active). */
  totalHoldings: number;
  items: Array<{ tsCode: string; name: string; status: StockListingStatus; holders: number }>;
}

export type PoolRowInvalidReason = 'FORMAT' | 'UNKNOWN' | 'DELISTED' | 'DUPLICATE';

/** `POST /api/v1/admin/stock-pools/preview` answer. Writes nothing. */
export interface PoolPreviewDto {
  valid: Array<{ line: number; tsCode: string; name: string; status: Exclude<StockListingStatus, 'delisted'> }>;
  invalid: Array<{ line: number; value: string; reason: PoolRowInvalidReason; message: string; tsCode?: string; duplicateOf?: number }>;
  /** `header` names the recognised header row, if any. */
  format: 'text' | 'csv' | 'xlsx';
  header: { line: number; codeColumn: string; nameColumn: string | null } | null;
}

export interface CreateStockPoolRequest {
  name: string;
  startsOn: string;
  endsOn: string;
  codes: string[];
  /** Create the pool from the valid codes only instead of refusing the whole request. */
  skipInvalid?: boolean;
}

export interface UpdateStockPoolRequest {
  name?: string;
  startsOn?: string;
  endsOn?: string;
  /** A draft's stocks, replaced as a whole (validated like creation; invalid codes refuse the request). */
  codes?: string[];
}

/** POST /admin/stock-pools/:id/duplicate: reuse any pool (an archived one typically) as a new draft. */
export interface DuplicateStockPoolRequest {
  name?: string;
  startsOn?: string;
  endsOn?: string;
}

/** A VIP level whose quota the pool cannot fill: its members would get fewer stocks than they pay for. */
export interface PoolQuotaWarning {
  level: number;
  name: string;
  stockQuota: number;
  /** eligible (listed) stocks in the pool */
  poolSize: number;
}

/** GET /admin/stock-pools/:id/activation-check (before activating) and part of the activation answer. */
export interface PoolActivationCheckDto {
  poolId: string;
  poolSize: number;
  warnings: PoolQuotaWarning[];
}

export type DrawReason = 'register' | 'level_change' | 'activation' | 'reroll' | 'expiry';
export type ReleaseReason = 'level_change' | 'reroll' | 'rotation' | 'expiry';

/** One allocation (a stock given to a member from a pool), current or released. */
export interface AllocationDto {
  id: string;
  userId: string;
  username: string;
  poolId: string;
  poolName: string;
  tsCode: string;
  stockName: string;
  drawId: string;
  allocatedAt: string;
  releasedAt: string | null;
  releaseReason: ReleaseReason | null;
}

export interface DrawDto {
  id: string;
  userId: string;
  poolId: string;
  reason: DrawReason;
  /** uint32 */
  seed: number;
  snapshotHash: string;
  allocatorVersion: string;
  /** null = unlimited */
  quota: number | null;
  held: string[];
  picks: string[];
  /** Set for draws made by a pool activation (their snapshot is the batch's base plus earlier picks). */
  batchId: string | null;
  createdAt: string;
}

/** `POST /api/v1/admin/allocations/draws/:drawId/replay` */
export interface DrawReplayDto {
  drawId: string;
  stored: string[];
  replayed: string[];
  identical: boolean;
  /** The rebuilt snapshot hashes to the stored `snapshotHash`. */
  snapshotHashMatches: boolean;
  snapshotHash: string;
  allocatorVersion: string;
}

/** `GET /api/v1/admin/allocations/users/:userId` */
export interface MemberAllocationSummaryDto {
  user: { id: string; username: string; role: string; vipLevel: number; stockQuota: number | null };
  pool: { id: string; name: string } | null;
  holdings: Array<{ tsCode: string; name: string; allocatedAt: string; drawId: string }>;
}

export interface RerollResultDto {
  userId: string;
  poolId: string;
  released: string[];
  /** The first draw of the re-roll (a second one tops up from the old stocks when the pool has too few others). */
  drawId: string | null;
  drawIds: string[];
  picks: string[];
  /** Whether the new set differs from the old one. False only when the pool has no other stock to offer. */
  changed: boolean;
  /** Old stocks drawn again because the pool has too few others (empty when the pool allows a full change). */
  kept: string[];
}

export type SignalActionName = 'BUY' | 'SELL' | 'HOLD';
export interface LatestSignalDto {
  tradeDate: string;
  action: SignalActionName;
  score: number;
}

/** `GET /api/v1/me/stocks` item (fixed by api.md). */
export interface MyStockDto {
  tsCode: string;
  name: string;
  allocatedAt: string;
  latestSignal: LatestSignalDto | null;
  /**
   * The latest day's change in percent (1.23 = +1.23 %): the stock's latest stored close against the
   * previous close (the bar's ex-rights `pre_close`, else the previous bar's close); null without bars.
   */
  changePct: number | null;
}
export interface MyStocksDto {
  items: MyStockDto[];
}

/** One pool stock's stored market data (GET /admin/stock-pools/:id/coverage), over the backfill window. */
export interface PoolStockCoverageDto {
  tsCode: string;
  name: string;
  /** Real bars stored in the window. */
  bars: number;
  /** Synthetic (demo) bars still stored in the window. */
  syntheticBars: number;
  firstDate: string | null;
  lastDate: string | null;
  /** Open trade days of the stored calendar in the window. */
  expectedDays: number;
  /** Open days without a real bar (suspensions included). */
  missingDays: number;
}

export interface PoolCoverageDto {
  poolId: string;
  from: string;
  to: string;
  items: PoolStockCoverageDto[];
}
