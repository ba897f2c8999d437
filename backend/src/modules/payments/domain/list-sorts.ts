import type { SortSpec } from '../../../common/list-query.js';

/** The admin order list's sortable columns (common list-query kit: `sort=field:asc|desc`; SQL expressions on the alias `o`). */
export const PAYMENT_ORDER_SORT: SortSpec<'createdAt' | 'paidAt' | 'amountFen' | 'status' | 'level' | 'outTradeNo'> = {
  columns: { createdAt: 'o.created_at', paidAt: 'o.paid_at', amountFen: 'o.amount_fen', status: 'o.status', level: 'o.level', outTradeNo: 'o.out_trade_no' },
  default: { field: 'createdAt', dir: 'desc' },
  tieBreaker: 'o.out_trade_no',
};
