import { describe, expect, it } from 'vitest';
import { receiptMail } from './receipt.js';

const facts = {
  username: 'alice',
  outTradeNo: 'ZC20260302ABCDEFGHJKLMNPQRSTUV',
  levelName: 'SVIP',
  months: 3,
  amountFen: 199_900,
  expiresAt: new Date('2026-06-02T02:00:00Z'),
  paidAt: new Date('2026-03-02T02:05:00Z'),
};

describe('receiptMail', () => {
  it('zh-CN: order number, level, months, yuan with separators, expiry on the Shanghai clock', () => {
    const m = receiptMail({ ...facts, lang: 'zh-CN' });
    expect(m.subject).toBe('智策 Zhice：支付成功 – 订单 ZC20260302ABCDEFGHJKLMNPQRSTUV');
    expect(m.text).toContain('订单号：ZC20260302ABCDEFGHJKLMNPQRSTUV');
    expect(m.text).toContain('会员等级：SVIP');
    expect(m.text).toContain('时长：3 个月');
    expect(m.text).toContain('金额：¥1,999.00');
    expect(m.text).toContain('支付时间：2026-03-02 10:05（北京时间）');
    expect(m.text).toContain('会员有效期至：2026-06-02 10:00（北京时间）');
  });

  it('en: the same facts in English, no Chinese', () => {
    const m = receiptMail({ ...facts, lang: 'en', amountFen: 29_900 });
    expect(m.subject).toBe('Zhice: payment received – order ZC20260302ABCDEFGHJKLMNPQRSTUV');
    expect(m.text).toContain('Amount: ¥299.00');
    expect(m.text).toContain('Term: 3 months');
    expect(m.text).toContain('VIP valid until: 2026-06-02 10:00 (Beijing time)');
    expect(m.text).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
