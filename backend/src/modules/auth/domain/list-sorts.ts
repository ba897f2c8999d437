import type { SortSpec } from '../../../common/list-query.js';

/** The login-log list's sortable columns (its visible ones). */
export const LOGIN_LOG_SORT: SortSpec<'at' | 'username' | 'ip' | 'userAgent' | 'result'> = {
  columns: { at: 'l.at', username: 'l.username', ip: 'l.ip', userAgent: 'l.user_agent', result: 'l.result' },
  default: { field: 'at', dir: 'desc' },
  tieBreaker: 'l.id',
};
