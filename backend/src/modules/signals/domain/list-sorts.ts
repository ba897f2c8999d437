import type { SortSpec } from '../../../common/list-query.js';

/** The admin signal-day list's sortable columns. */
export const SIGNAL_DAY_SORT: SortSpec<'tradeDate' | 'status' | 'rowCount' | 'seq' | 'publishedAt'> = {
  columns: { tradeDate: 'trade_date', status: 'status', rowCount: 'row_count', seq: 'seq', publishedAt: 'published_at' },
  default: { field: 'tradeDate', dir: 'desc' },
  tieBreaker: 'trade_date',
};
