import type { SortSpec } from '../../../common/list-query.js';

/** The admin allocation list's sortable columns (its visible ones). */
export const ALLOCATION_SORT: SortSpec<'id' | 'username' | 'vipLevel' | 'poolName' | 'tsCode' | 'stockName' | 'allocatedAt' | 'releasedAt' | 'releaseReason'> = {
  columns: {
    id: 'a.id',
    username: 'u.username',
    vipLevel: '"vipLevel"',
    poolName: 'p.name',
    tsCode: 'a.ts_code',
    stockName: 's.name',
    allocatedAt: 'a.allocated_at',
    releasedAt: 'a.released_at',
    releaseReason: 'a.release_reason',
  },
  default: { field: 'id', dir: 'desc' },
  tieBreaker: 'a.id',
};

/** The draw list's sortable columns; nulls (a draw without quota) where PostgreSQL puts them by default, as this list always sorted. */
export const DRAW_SORT: SortSpec<'id' | 'createdAt' | 'reason' | 'quota' | 'allocatorVersion'> = {
  columns: { id: 'd.id', createdAt: 'd.created_at', reason: 'd.reason', quota: 'd.quota', allocatorVersion: 'd.allocator_version' },
  default: { field: 'id', dir: 'desc' },
  tieBreaker: 'd.id',
  nullsLast: false,
};
