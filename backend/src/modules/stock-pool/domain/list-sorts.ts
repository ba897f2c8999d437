import type { SortSpec } from '../../../common/list-query.js';

/** The pool list's sortable columns; without `sort`: active, then drafts, then archived, newest first. */
export const POOL_SORT: SortSpec<'name' | 'status' | 'startsOn' | 'endsOn' | 'createdAt' | 'activatedAt'> = {
  columns: { name: 'p.name', status: 'p.status', startsOn: 'p.starts_on', endsOn: 'p.ends_on', createdAt: 'p.created_at', activatedAt: 'p.activated_at' },
  default: { field: 'createdAt', dir: 'desc' },
  tieBreaker: 'p.id',
};

