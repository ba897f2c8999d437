import type { WechatTransaction } from '../wechatpay/wechatpay.gateway.js';

export interface OrderFacts {
  mchid: string;
  appid: string;
  outTradeNo: string;
  amountFen: number;
}
export interface Mismatch {
  field: 'mchid' | 'appid' | 'out_trade_no' | 'amount' | 'currency';
  got: unknown;
  expected: unknown;
}

/**
 * "防止假通知": a decrypted (or queried) transaction must name our merchant, our app, this order and
 * exactly its amount before anything is granted. Null when it matches.
 */
export function checkTransaction(tx: WechatTransaction, o: OrderFacts): Mismatch | null {
  if (tx.mchid !== o.mchid) return { field: 'mchid', got: tx.mchid ?? null, expected: o.mchid };
  if (tx.appid !== o.appid) return { field: 'appid', got: tx.appid ?? null, expected: o.appid };
  if (tx.out_trade_no !== o.outTradeNo) return { field: 'out_trade_no', got: tx.out_trade_no ?? null, expected: o.outTradeNo };
  if (tx.amount?.total !== o.amountFen) return { field: 'amount', got: tx.amount?.total ?? null, expected: o.amountFen };
  if (tx.amount?.currency !== undefined && tx.amount.currency !== 'CNY') return { field: 'currency', got: tx.amount.currency, expected: 'CNY' };
  return null;
}
