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

/** The draw list's sortable columns (entity properties). */
export const DRAW_SORT: SortSpec<'id' | 'createdAt' | 'reason' | 'quota' | 'allocatorVersion'> = {
  columns: { id: 'id', createdAt: 'createdAt', reason: 'reason', quota: 'quota', allocatorVersion: 'allocatorVersion' },
  default: { field: 'id', dir: 'desc' },
  tieBreaker: 'id',
};
