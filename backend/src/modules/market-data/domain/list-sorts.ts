import type { SortSpec } from '../../../common/list-query.js';

/** The data-source switch log's sortable columns; newest first without `sort`. */
export const SWITCH_LOG_SORT: SortSpec<'at' | 'from' | 'to' | 'operation'> = {
  columns: { at: 'at', from: 'from_source', to: 'to_source', operation: 'operation' },
  default: { field: 'at', dir: 'desc' },
  tieBreaker: 'id',
};
