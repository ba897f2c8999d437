import { fenToYuan, formatShanghai } from '@zhice/shared';

/** The language a receipt is written in: the member's when the order knew it, else zh-CN. */
export type ReceiptLang = 'zh-CN' | 'en';

export interface ReceiptFacts {
  lang: ReceiptLang;
  username: string;
  outTradeNo: string;
  levelName: string;
  months: number;
  amountFen: number;
  /** the member's VIP expiry after this payment */
  expiresAt: Date;
  paidAt: Date;
}

/** `2026-06-02 10:00` on the Asia/Shanghai wall clock (the product's time zone). */
function shanghaiMinute(at: Date): string {
  return formatShanghai(at).slice(0, 16).replace('T', ' ');
}

/** Yuan with thousands separators and two decimals: 1999.00 → 1,999.00. */
function yuan(fen: number): string {
  const [whole, cents] = fenToYuan(fen).split('.');
  return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** The payment receipt e-mail (plain text; times in Asia/Shanghai). */
export function receiptMail(f: ReceiptFacts): { subject: string; text: string } {
  if (f.lang === 'en') {
    return {
      subject: `Zhice: payment received – order ${f.outTradeNo}`,
      text: [
        `Hello ${f.username},`,
        '',
        'Thank you: your WeChat Pay payment was received and your membership is active.',
        '',
        `Order number: ${f.outTradeNo}`,
        `Level: ${f.levelName}`,
        `Term: ${f.months} months`,
        `Amount: ¥${yuan(f.amountFen)}`,
        `Paid at: ${shanghaiMinute(f.paidAt)} (Beijing time)`,
        `VIP valid until: ${shanghaiMinute(f.expiresAt)} (Beijing time)`,
        '',
        'Your orders and receipts are under "VIP → My orders". Signals are reference material, not investment advice.',
      ].join('\n'),
    };
  }
  return {
    subject: `智策 Zhice：支付成功 – 订单 ${f.outTradeNo}`,
    text: [
      `${f.username}，您好：`,
      '',
      '感谢您的支付，微信支付已到账，会员已生效。',
      '',
      `订单号：${f.outTradeNo}`,
      `会员等级：${f.levelName}`,
      `时长：${f.months} 个月`,
      `金额：¥${yuan(f.amountFen)}`,
      `支付时间：${shanghaiMinute(f.paidAt)}（北京时间）`,
      `会员有效期至：${shanghaiMinute(f.expiresAt)}（北京时间）`,
      '',
      '订单与收据可在“会员 → 我的订单”中查看。信号仅供参考，不构成投资建议。',
    ].join('\n'),
  };
}
