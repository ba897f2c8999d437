import type { SortSpec } from '../../../common/list-query.js';

/** The operation-log list's sortable columns (its visible ones). */
export const OPERATION_LOG_SORT: SortSpec<'at' | 'operatorName' | 'action' | 'targetType' | 'targetId' | 'ip'> = {
  columns: { at: 'o.at', operatorName: 'o.operator_name', action: 'o.action', targetType: 'o.target_type', targetId: 'o.target_id', ip: 'o.ip' },
  default: { field: 'at', dir: 'desc' },
  tieBreaker: 'o.id',
};
