import type { SortSpec } from '../../../common/list-query.js';

/** The sortable columns of the ledger lists (common list-query kit: `sort=field:asc|desc`). */
export const TRANSFER_SORT: SortSpec<'createdAt' | 'amountFen' | 'type' | 'status'> = {
  columns: { createdAt: 't.created_at', amountFen: 't.amount_fen', type: 't.type', status: 't.status' },
  default: { field: 'createdAt', dir: 'desc' },
  tieBreaker: 't.id',
};

export const WITHDRAWAL_SORT: SortSpec<'createdAt' | 'amountFen' | 'status'> = {
  columns: { createdAt: 'w.created_at', amountFen: 'w.amount_fen', status: 'w.status' },
  default: { field: 'createdAt', dir: 'desc' },
  tieBreaker: 'w.id',
};
