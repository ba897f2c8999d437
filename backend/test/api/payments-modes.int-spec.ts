import { describe, expect, it } from 'vitest';
import { startTestApp } from '../setup/test-app.js';
import { waitFor } from '../setup/wait-for.js';

describe('payments off', () => {
  it('without WeChat Pay settings the order route answers 503 PAYMENTS_DISABLED and writes nothing', async () => {
    const t = await startTestApp();
    try {
      expect((await t.api('GET', '/payments/config')).body).toEqual({ enabled: false, simulator: false, orderTtlMinutes: 120 });
      const m = await t.registerMember('offmember');
      const r = await t.api('POST', '/payments/wechat/orders', { token: m.accessToken, body: { level: 1 } });
      expect(r.status).toBe(503);
      expect(r.body.code).toBe('PAYMENTS_DISABLED');
      expect((await t.db.query('SELECT 1 FROM payment_orders')).rowCount).toBe(0);
      expect((await t.api('POST', '/payments/wechat/notify', { raw: '{}' })).status).toBe(503);
      expect((await t.api('POST', '/payments/simulator/orders/ZC20260302AAAAAAAAAAAAAAAAAAAA/pay', { token: m.accessToken })).status).toBe(404);
    } finally {
      await t.close();
    }
  });
});

describe('dev simulator', () => {
  it('runs the fake inside the process: QR → simulate scan → signed encrypted callback → VIP granted', async () => {
    const t = await startTestApp({ WECHATPAY_SIMULATOR: 'true' });
    try {
      expect((await t.api('GET', '/payments/config')).body).toMatchObject({ enabled: true, simulator: true });
      const m = await t.registerMember('simmember');
      const o = await t.api('POST', '/payments/wechat/orders', { token: m.accessToken, body: { level: 1 } });
      expect(o.status).toBe(201);
      expect(o.body.codeUrl).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=/);
      const stranger = await t.registerMember('simstranger');
      expect((await t.api('POST', `/payments/simulator/orders/${o.body.outTradeNo}/pay`, { token: stranger.accessToken })).status).toBe(404);
      expect((await t.api('POST', `/payments/simulator/orders/${o.body.outTradeNo}/pay`, { token: m.accessToken })).status).toBe(202);
      const paid = await waitFor(() => t.api('GET', `/payments/orders/${o.body.outTradeNo}`, { token: m.accessToken }), (r) => r.body.status === 'paid', 'paid');
      expect(paid.body.vipExpiresAfter).toBe('2026-06-02T02:00:00.000Z');
      expect((await t.api('GET', '/me', { token: m.accessToken })).body.vipLevel).toBe(1);
      const ev = await t.db.query(`SELECT verified, outcome FROM payment_events WHERE out_trade_no = $1 AND kind = 'notify'`, [o.body.outTradeNo]);
      expect(ev.rows).toEqual([{ verified: true, outcome: 'SUCCESS' }]);
    } finally {
      await t.close();
    }
  });
});
