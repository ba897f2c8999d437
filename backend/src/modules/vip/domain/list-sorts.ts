import type { SortSpec } from '../../../common/list-query.js';

/** A member's VIP grant history: sortable columns (its visible ones; none nullable). */
export const VIP_GRANT_SORT: SortSpec<'createdAt' | 'level' | 'months' | 'kind' | 'source' | 'expiresAfter'> = {
  columns: { createdAt: 'g.created_at', level: 'g.level', months: 'g.months', kind: 'g.kind', source: 'g.source', expiresAfter: 'g.expires_after' },
  default: { field: 'createdAt', dir: 'desc' },
  tieBreaker: 'g.id',
};
