/**
 * The WeChat Pay port: what the payments service needs from WeChat Pay (Native QR, direct merchant).
 * One real implementation (`WechatPayHttpClient`); the dev simulator and the tests point that same
 * client at the protocol-faithful fake server, so nothing of ours is mocked.
 */
export interface NativeOrderRequest {
  outTradeNo: string;
  description: string;
  amountFen: number;
  timeExpire: Date;
  notifyUrl: string;
  attach?: string;
}

/** The Transaction object (§3.6), the fields we use; unknown ones are ignored. */
export interface WechatTransaction {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id?: string;
  trade_type?: string;
  trade_state: string;
  trade_state_desc?: string;
  success_time?: string;
  payer?: { openid?: string };
  amount?: { total?: number; payer_total?: number; currency?: string; payer_currency?: string };
  attach?: string;
}

export interface RefundRequest {
  outTradeNo: string;
  outRefundNo: string;
  reason: string;
  refundFen: number;
  totalFen: number;
  notifyUrl: string;
}

export interface WechatRefund {
  refund_id?: string;
  out_refund_no: string;
  out_trade_no?: string;
  transaction_id?: string;
  status?: string;
  refund_status?: string;
  success_time?: string;
  amount?: { total?: number; refund?: number };
}

export abstract class WechatPayGateway {
  abstract createNativeOrder(req: NativeOrderRequest): Promise<{ codeUrl: string }>;
  abstract queryOrder(outTradeNo: string): Promise<WechatTransaction>;
  /** 204 → resolves; a paid order → WechatPayError kind ORDER_PAID. */
  abstract closeOrder(outTradeNo: string): Promise<void>;
  abstract createRefund(req: RefundRequest): Promise<WechatRefund>;
  abstract queryRefund(outRefundNo: string): Promise<WechatRefund>;
}
