import type { SortSpec } from '../../../common/list-query.js';

/** The dev outbox list's sortable columns (none nullable). */
export const OUTBOX_SORT: SortSpec<'createdAt' | 'to' | 'subject'> = {
  columns: { createdAt: 'o.created_at', to: 'o.to_address', subject: 'o.subject' },
  default: { field: 'createdAt', dir: 'desc' },
  tieBreaker: 'o.id',
};
