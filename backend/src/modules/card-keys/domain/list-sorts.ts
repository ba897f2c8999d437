import type { SortSpec } from '../../../common/list-query.js';

/** The sortable columns of the card-key lists (common list-query kit: `sort=field:asc|desc`). */
export const CARD_BATCH_SORT: SortSpec<'createdAt' | 'count' | 'costFen' | 'status' | 'kind'> = {
  columns: { createdAt: 'b.created_at', count: 'b.count', costFen: 'b.cost_fen', status: 'b.status', kind: 'b.kind' },
  default: { field: 'createdAt', dir: 'desc' },
  tieBreaker: 'b.id',
};

export const CARD_KEY_SORT: SortSpec<'usedAt' | 'expiresAt' | 'status' | 'seq'> = {
  columns: { usedAt: 'k.used_at', expiresAt: 'k.expires_at', status: 'k.status', seq: 'k.seq' },
  default: { field: 'seq', dir: 'asc' },
  tieBreaker: 'k.id',
};

export const CARD_PROJECT_SORT: SortSpec<'createdAt' | 'name' | 'enabled'> = {
  columns: { createdAt: 'p.created_at', name: 'p.name', enabled: 'p.enabled' },
  default: { field: 'createdAt', dir: 'desc' },
  tieBreaker: 'p.id',
};

export const CARD_VERIFICATION_SORT: SortSpec<'at'> = {
  columns: { at: 'v.at' },
  default: { field: 'at', dir: 'desc' },
  tieBreaker: 'v.id',
};
