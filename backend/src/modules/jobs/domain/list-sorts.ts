import type { SortSpec } from '../../../common/list-query.js';

/**
 * Job-record lists' sortable columns: admin jobs, signal runs, market syncs. Nulls (a queued run's
 * start, a running one's end) where PostgreSQL puts them by default, as these lists always sorted.
 */
export const JOB_RECORD_SORT: SortSpec<'createdAt' | 'status' | 'kind' | 'startedAt' | 'finishedAt' | 'processed' | 'total' | 'failed'> = {
  columns: {
    createdAt: 'r.created_at',
    status: 'r.status',
    kind: 'r.kind',
    startedAt: 'r.started_at',
    finishedAt: 'r.finished_at',
    processed: 'r.processed',
    total: 'r.total',
    failed: 'r.failed',
  },
  default: { field: 'createdAt', dir: 'desc' },
  tieBreaker: 'r.id',
  nullsLast: false,
};
