import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { PaymentsReceiptService, RECEIPT_ATTEMPTS } from '../../src/modules/payments/payments-receipt.service.js';
import { PAYMENT_ORDER_PAID } from '../../src/modules/payments/payments.events.js';
import { PaymentsProcessor } from '../../src/modules/payments/payments.processor.js';
import { PaymentsService } from '../../src/modules/payments/payments.service.js';
import { WechatPayHttpClient } from '../../src/modules/payments/wechatpay/wechatpay-http.client.js';
import { WechatPayError } from '../../src/modules/payments/wechatpay/wechatpay.errors.js';
import { rsaSign, responseMessage } from '../../src/modules/payments/wechatpay/wechatpay-crypto.js';
import { startSmtpFake, type SmtpFake } from '../fakes/smtp-fake.js';
import { generateMerchant, WechatPayFake } from '../fakes/wechatpay-fake.js';
import { ADMIN, startTestApp, type TestApp } from '../setup/test-app.js';
import { waitFor } from '../setup/wait-for.js';

/**
 * WeChat Pay end to end: the real app and its real client against the protocol-faithful fake
 * (request signatures checked, answers and callbacks signed with the fake's own RSA key, resources
 * AES-256-GCM encrypted). Nothing of ours is mocked; the app's clock is shared with the fake.
 */
let t: TestApp;
let fake: WechatPayFake;
let smtp: SmtpFake;
let admin: string;
let svc: PaymentsService;
const merchant = generateMerchant('1900000001', 'wxd678efh567hg6787');
const VIP1_PRICE = 29900;

beforeAll(async () => {
  fake = new WechatPayFake({
    mchid: merchant.mchid,
    appid: merchant.appid,
    merchantSerial: merchant.merchantSerial,
    merchantPublicKey: merchant.merchantPublicKey,
    apiV3Key: merchant.apiV3Key,
    now: () => (t ? t.clock.now().getTime() : Date.now()),
    retryMsPerSecond: 2,
    deliverTo: () => (t ? `${t.baseUrl}/api/v1/payments/wechat/notify` : null),
  });
  await fake.start();
  smtp = await startSmtpFake();
  const dir = mkdtempSync(path.join(tmpdir(), 'zhice-wxpay-'));
  writeFileSync(path.join(dir, 'apiclient_key.pem'), merchant.privateKeyPem);
  writeFileSync(path.join(dir, 'wxp_pub.pem'), fake.publicKeyPem);
  t = await startTestApp({
    WECHATPAY_MCHID: merchant.mchid,
    WECHATPAY_APPID: merchant.appid,
    WECHATPAY_MERCHANT_SERIAL: merchant.merchantSerial,
    WECHATPAY_MERCHANT_PRIVATE_KEY_FILE: path.join(dir, 'apiclient_key.pem'),
    WECHATPAY_APIV3_KEY: merchant.apiV3Key,
    WECHATPAY_PUBLIC_KEY_ID: fake.publicKeyId,
    WECHATPAY_PUBLIC_KEY_FILE: path.join(dir, 'wxp_pub.pem'),
    WECHATPAY_BASE_URL: fake.url,
    WECHATPAY_NOTIFY_URL: 'https://zhice.example.com/api/v1/payments/wechat/notify',
    PAYMENT_ORDER_TTL_MINUTES: '120',
    ACCESS_TOKEN_TTL_SEC: '86400',
    SMTP_URL: smtp.url,
    LOG_LEVEL: 'error',
  });
  admin = (await t.loginAs(ADMIN.username, ADMIN.password)).accessToken;
  svc = t.app.get(PaymentsService);
});
afterAll(async () => {
  await fake?.close();
  await t?.close();
  await smtp?.close();
});

let n = 0;
async function member() {
  return t.registerMember(`payer${++n}`);
}
async function order(token: string, level = 1) {
  const r = await t.api('POST', '/payments/wechat/orders', { token, body: { level } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { outTradeNo: string; codeUrl: string; amountFen: number; expiresAt: string };
}
const notify = (nt: { headers: Record<string, string>; body: string }) =>
  t.api('POST', '/payments/wechat/notify', { raw: nt.body, headers: Object.fromEntries(Object.entries(nt.headers).map(([k, v]) => [k.toLowerCase(), v])) });
const paidNotification = (outTradeNo: string, tamper: (tx: Record<string, any>) => void = () => {}) => {
  const o = fake.orders.get(outTradeNo)!;
  if (o.state === 'NOTPAY') fake.pay(outTradeNo, { notify: false });
  const tx = structuredClone(fake.transactionJson(o)) as Record<string, any>;
  tamper(tx);
  return fake.notification({ resource: tx, eventType: 'TRANSACTION.SUCCESS' });
};
async function grantsFor(outTradeNo: string) {
  const r = await t.db.query(`SELECT kind FROM vip_grants WHERE source = 'payment' AND reference = $1`, [outTradeNo]);
  return r.rowCount;
}
async function orderRow(outTradeNo: string) {
  return (await t.api('GET', `/admin/payments/orders/${outTradeNo}`, { token: admin })).body;
}

describe('orders', () => {
  it('prices from the level table, sends time_expire, and a re-click returns the same pending order', async () => {
    const m = await member();
    const q = await t.api('GET', '/payments/quote?level=1', { token: m.accessToken });
    expect(q.body).toMatchObject({ level: 1, months: 3, amountFen: VIP1_PRICE, kind: 'new', expiresAfter: '2026-06-02T02:00:00.000Z', riskAckRequired: false });
    const a = await order(m.accessToken);
    expect(a).toMatchObject({ amountFen: VIP1_PRICE, level: 1, months: 3, status: 'pending', expiresAt: '2026-03-02T04:00:00.000Z' });
    expect(a.outTradeNo).toMatch(/^ZC20260302[0-9A-Z]{20}$/);
    expect(a.codeUrl).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=/);
    expect(JSON.parse(fake.orders.get(a.outTradeNo)!.params)).toMatchObject({ time_expire: '2026-03-02T12:00:00+08:00', amount: { total: VIP1_PRICE, currency: 'CNY' }, notify_url: 'https://zhice.example.com/api/v1/payments/wechat/notify' });
    const b = await order(m.accessToken);
    expect(b).toEqual(a);
    const other = await order(m.accessToken, 2);
    expect(other.outTradeNo).not.toBe(a.outTradeNo);
    // The client's price is never used; someone else's order is 404.
    expect((await t.api('POST', '/payments/wechat/orders', { token: m.accessToken, body: { level: 1, amountFen: 1 } })).status).toBe(400);
    const stranger = await member();
    expect((await t.api('GET', `/payments/orders/${a.outTradeNo}`, { token: stranger.accessToken })).status).toBe(404);
    expect((await t.api('GET', `/payments/orders/${a.outTradeNo}`, { token: m.accessToken })).body).toMatchObject({ status: 'pending', amountFen: VIP1_PRICE });
    for (const body of [{ level: 0 }, { level: 9 }, { level: '1' }, {}, { level: 1.5 }]) {
      expect((await t.api('POST', '/payments/wechat/orders', { token: m.accessToken, body })).status).toBe(400);
    }
  });

  it('needs the risk disclosure acknowledged before the first order', async () => {
    const m = await member();
    await t.db.query('UPDATE users SET risk_ack_at = NULL WHERE id = $1', [m.user.id]);
    const r = await t.api('POST', '/payments/wechat/orders', { token: m.accessToken, body: { level: 1 } });
    expect(r.body.code).toBe('RISK_ACK_REQUIRED');
    expect((await t.db.query('SELECT 1 FROM payment_orders WHERE user_id = $1', [m.user.id])).rowCount).toBe(0);
    const ok = await t.api('POST', '/payments/wechat/orders', { token: m.accessToken, body: { level: 1, riskAck: true } });
    expect(ok.status).toBe(201);
  });
});

describe('notify', () => {
  it('the payer pays: signed, encrypted callback → 204, order paid, VIP granted once; a replay is 204 and grants nothing', async () => {
    const m = await member();
    const o = await order(m.accessToken);
    fake.pay(o.outTradeNo);
    await waitFor(() => t.api('GET', `/payments/orders/${o.outTradeNo}`, { token: m.accessToken }), (r) => r.body.status === 'paid', 'paid');
    expect(fake.deliveries.find((d) => d.status === 204)).toBeTruthy();
    const me = await t.api('GET', '/me', { token: m.accessToken });
    expect(me.body).toMatchObject({ vipLevel: 1, vipExpiresAt: '2026-06-02T02:00:00.000Z' });
    const view = await t.api('GET', `/payments/orders/${o.outTradeNo}`, { token: m.accessToken });
    expect(view.body).toMatchObject({ status: 'paid', vipExpiresAfter: '2026-06-02T02:00:00.000Z' });
    const replay = paidNotification(o.outTradeNo);
    expect((await notify(replay)).status).toBe(204);
    expect((await notify(replay)).status).toBe(204);
    expect(await grantsFor(o.outTradeNo)).toBe(1);
    const d = await orderRow(o.outTradeNo);
    // (the receipt job's own event comes whenever the job runs: the receipt tests check it)
    const timeline = d.events.filter((e: { kind: string }) => e.kind !== 'receipt');
    expect(timeline.map((e: { kind: string; outcome: string }) => `${e.kind}:${e.outcome}`)).toEqual(['created:PENDING', 'notify:SUCCESS', 'grant:NEW', 'notify:REPLAY', 'notify:REPLAY']);
    // Stored without secrets: no ciphertext, signature or key material in the timeline.
    expect(JSON.stringify(d.events)).not.toMatch(/ciphertext|signature|BEGIN|apiV3/i);
    const mine = await t.api('GET', '/me/orders', { token: m.accessToken });
    expect(mine.body.items[0]).toMatchObject({ outTradeNo: o.outTradeNo, status: 'paid' });
  });

  it.each([
    ['forged signature', (nt: { headers: Record<string, string>; body: string }) => {
      const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
      nt.headers['Wechatpay-Signature'] = rsaSign(responseMessage(nt.headers['Wechatpay-Timestamp']!, nt.headers['Wechatpay-Nonce']!, nt.body), other.privateKey);
    }, 'SIGNATURE_INVALID'],
    ['stale timestamp', (nt: { headers: Record<string, string>; body: string }) => {
      const ts = String(Math.floor(t.clock.now().getTime() / 1000) - 301);
      nt.headers['Wechatpay-Timestamp'] = ts;
      nt.headers['Wechatpay-Signature'] = rsaSign(responseMessage(ts, nt.headers['Wechatpay-Nonce']!, nt.body), fake.platformKeys.privateKey);
    }, 'TIMESTAMP_OUT_OF_WINDOW'],
    ['SIGNTEST probe', (nt: { headers: Record<string, string>; body: string }) => {
      nt.headers['Wechatpay-Signature'] = `WECHATPAY/SIGNTEST/${nt.headers['Wechatpay-Signature']!.slice(0, 30)}`;
    }, 'SIGNTEST_PROBE'],
    ['unknown serial', (nt: { headers: Record<string, string>; body: string }) => {
      nt.headers['Wechatpay-Serial'] = 'PUB_KEY_ID_0000000000000000000000000000';
    }, 'UNKNOWN_SERIAL'],
    ['body changed after signing', (nt: { headers: Record<string, string>; body: string }) => {
      nt.body = nt.body.replace('"TRANSACTION.SUCCESS"', '"TRANSACTION.SUCCESS" ');
    }, 'SIGNATURE_INVALID'],
  ])('%s → 401 FAIL, nothing granted, recorded unverified', async (_name, spoil, reason) => {
    const m = await member();
    const o = await order(m.accessToken);
    const nt = paidNotification(o.outTradeNo);
    spoil(nt);
    const r = await notify(nt);
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ code: 'FAIL', message: reason });
    expect(await grantsFor(o.outTradeNo)).toBe(0);
    expect((await orderRow(o.outTradeNo)).status).toBe('pending');
    const ev = await t.db.query(`SELECT verified, outcome FROM payment_events WHERE kind = 'notify' AND outcome = $1 ORDER BY id DESC LIMIT 1`, [reason]);
    expect(ev.rows[0]).toEqual({ verified: false, outcome: reason });
    const metrics = await (await fetch(`${t.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`zhice_payment_notify_verification_failures_total\\{reason="${reason}"\\} [1-9]`));
  });

  it('a callback encrypted with another key or wrong associated data is refused (the GCM tag is checked)', async () => {
    const m = await member();
    const o = await order(m.accessToken);
    fake.pay(o.outTradeNo, { notify: false });
    const tx = fake.transactionJson(fake.orders.get(o.outTradeNo)!);
    expect((await notify(fake.notification({ resource: tx, apiV3Key: 'x'.repeat(32) }))).status).toBe(400);
    expect((await notify(fake.notification({ resource: tx, declaredAssociatedData: 'other' }))).status).toBe(400);
    expect(await grantsFor(o.outTradeNo)).toBe(0);
  });

  it.each([
    ['wrong mchid', (tx: Record<string, any>) => (tx.mchid = '1900000999'), 'MCHID_MISMATCH'],
    ['wrong appid', (tx: Record<string, any>) => (tx.appid = 'wx0000000000000000'), 'APPID_MISMATCH'],
    ['wrong amount', (tx: Record<string, any>) => (tx.amount.total = 1), 'AMOUNT_MISMATCH'],
  ])('%s: verified but never granted — flagged for review, operation log, metric', async (_name, tamper, flag) => {
    const m = await member();
    const o = await order(m.accessToken);
    const r = await notify(paidNotification(o.outTradeNo, tamper));
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('FAIL');
    expect(await grantsFor(o.outTradeNo)).toBe(0);
    const d = await orderRow(o.outTradeNo);
    expect(d).toMatchObject({ status: 'pending', reviewFlag: flag });
    const flagged = await t.api('GET', '/admin/payments/orders?flagged=true&pageSize=100', { token: admin });
    expect(flagged.body.items.map((i: { outTradeNo: string }) => i.outTradeNo)).toContain(o.outTradeNo);
    const log = await t.api('GET', `/admin/operation-logs?action=payment.flag&targetId=${o.outTradeNo}`, { token: admin });
    expect(log.body.items[0]).toMatchObject({ targetType: 'payment_order', after: { reviewFlag: flag } });
    expect((await (await fetch(`${t.baseUrl}/metrics`)).text())).toMatch(/zhice_payment_mismatches_total\{field="(mchid|appid|amount)"\} [1-9]/);
    expect((await t.api('GET', '/me', { token: m.accessToken })).body.vipLevel).toBe(0);
  });

  it('an unknown order → 404 FAIL, stored', async () => {
    const nt = fake.notification({ resource: { mchid: merchant.mchid, appid: merchant.appid, out_trade_no: 'ZC20260302NOSUCHORDER000000', trade_state: 'SUCCESS', amount: { total: 100 } } });
    const r = await notify(nt);
    expect(r.status).toBe(404);
    const ev = await t.db.query(`SELECT outcome, verified, event_id FROM payment_events WHERE out_trade_no = 'ZC20260302NOSUCHORDER000000'`);
    expect(ev.rows).toEqual([{ outcome: 'UNKNOWN_ORDER', verified: true, event_id: nt.eventId }]);
  });

  it('WeChat resends after a refused SIGNTEST probe callback (retry schedule, compressed), then VIP is granted', async () => {
    const m = await member();
    const o = await order(m.accessToken);
    fake.probeCallbacks = 1;
    fake.pay(o.outTradeNo);
    await waitFor(() => t.api('GET', `/payments/orders/${o.outTradeNo}`, { token: m.accessToken }), (r) => r.body.status === 'paid', 'paid after the resend');
    const mine = fake.deliveries.filter((d) => d.eventType === 'TRANSACTION.SUCCESS').slice(-2);
    expect(mine.map((d) => [d.attempt, d.status])).toEqual([[0, 401], [1, 204]]);
    expect(await grantsFor(o.outTradeNo)).toBe(1);
  });

  it('50 concurrent notifies for one order → one grant (3 rounds)', async () => {
    for (let round = 0; round < 3; round++) {
      const m = await member();
      const o = await order(m.accessToken);
      const nts = Array.from({ length: 50 }, () => paidNotification(o.outTradeNo));
      const answers = await Promise.all(nts.map((nt) => notify(nt)));
      expect(answers.map((a) => a.status)).toEqual(Array(50).fill(204));
      expect(await grantsFor(o.outTradeNo)).toBe(1);
      const ev = await t.db.query(`SELECT outcome, count(*)::int AS n FROM payment_events WHERE out_trade_no = $1 AND kind = 'notify' GROUP BY 1 ORDER BY 1`, [o.outTradeNo]);
      expect(ev.rows).toEqual([{ outcome: 'REPLAY', n: 49 }, { outcome: 'SUCCESS', n: 1 }]);
      expect((await t.api('GET', '/me', { token: m.accessToken })).body).toMatchObject({ vipLevel: 1, vipExpiresAt: '2026-06-02T02:00:00.000Z' });
    }
  });

  it('a notify and an active query racing → one grant', async () => {
    for (let round = 0; round < 3; round++) {
      const m = await member();
      const o = await order(m.accessToken);
      const nt = paidNotification(o.outTradeNo);
      await Promise.all([notify(nt), svc.reconcile(o.outTradeNo, 'sync'), t.api('POST', `/admin/payments/orders/${o.outTradeNo}/sync`, { token: admin }), notify(nt)]);
      expect(await grantsFor(o.outTradeNo)).toBe(1);
      expect((await orderRow(o.outTradeNo)).status).toBe('paid');
    }
  });
});

describe('receipt e-mail (SMTP, at least once, sent once)', () => {
  const receipts = (outTradeNo: string) => smtp.messages.filter((mail) => mail.subject.endsWith(outTradeNo));
  const receiptRecord = (outTradeNo: string) =>
    t.db
      .query<{ status: string; result: Record<string, unknown>; message: string | null; finished_at: Date | null }>('SELECT status, result, message, finished_at FROM job_records WHERE id = $1', [PaymentsReceiptService.jobId(outTradeNo)])
      .then((r) => r.rows[0]);
  const receiptEvents = (outTradeNo: string) =>
    t.db.query<{ outcome: string; detail: any }>(`SELECT outcome, detail FROM payment_events WHERE out_trade_no = $1 AND kind = 'receipt' ORDER BY id`, [outTradeNo]).then((r) => r.rows);
  const paymentsQueue = () => (t.app.get(PaymentsReceiptService) as unknown as { queue: import('bullmq').Queue }).queue;
  const queueIdle = () => waitFor(() => paymentsQueue().getJobCounts('waiting', 'active', 'delayed', 'prioritized'), (c) => Object.values(c).every((v) => v === 0), 'an idle payments queue', 30_000);

  it('a paid order sends one receipt (order number, level, months, yuan, new expiry) in zh-CN; replays, a racing sync, a duplicated event and a re-run job send no second one', async () => {
    const m = await t.registerMember(`receipt_zh${++n}`, { email: `receipt_zh${n}@example.com` });
    const o = await order(m.accessToken);
    fake.pay(o.outTradeNo);
    const [mail] = await waitFor(async () => receipts(o.outTradeNo), (r) => r.length > 0, 'the receipt');
    expect(mail!.to).toEqual([`receipt_zh${n}@example.com`]);
    expect(mail!.subject).toBe(`智策 Zhice：支付成功 – 订单 ${o.outTradeNo}`);
    for (const line of [`订单号：${o.outTradeNo}`, '会员等级：VIP1', '时长：3 个月', '金额：¥299.00', '会员有效期至：2026-06-02 10:00（北京时间）']) expect(mail!.text).toContain(line);
    const done = await waitFor(() => receiptRecord(o.outTradeNo), (r) => r?.status === 'done', 'the receipt job record');
    expect(done!.result).toEqual({ outcome: 'sent' });

    // Replayed notifies (one by one and 20 at once), an admin sync racing them: still one receipt.
    const replay = paidNotification(o.outTradeNo);
    expect((await notify(replay)).status).toBe(204);
    await Promise.all(Array.from({ length: 20 }, () => notify(replay)));
    expect((await t.api('POST', `/admin/payments/orders/${o.outTradeNo}/sync`, { token: admin })).status).toBe(200);
    // The paid event delivered twice more (a duplicated event): the job id is the order's, nothing new runs.
    const paidEvent = { outTradeNo: o.outTradeNo, userId: m.user.id, expiresAt: '2026-06-02T02:00:00.000Z' };
    await Promise.all([t.app.get(EventEmitter2).emitAsync(PAYMENT_ORDER_PAID, paidEvent), t.app.get(EventEmitter2).emitAsync(PAYMENT_ORDER_PAID, paidEvent)]);
    await queueIdle();
    expect(await receiptRecord(o.outTradeNo)).toEqual(done);
    // The job itself run again (a retried or stalled job) finds the receipt sent.
    expect(await t.app.get(PaymentsReceiptService).send(paidEvent)).toBe('already-sent');
    expect(receipts(o.outTradeNo)).toHaveLength(1);
    expect(await receiptEvents(o.outTradeNo)).toEqual([{ outcome: 'SENT', detail: null }]);
    expect((await t.db.query('SELECT receipt_sent_at IS NOT NULL AS sent, lang FROM payment_orders WHERE out_trade_no = $1', [o.outTradeNo])).rows[0]).toEqual({ sent: true, lang: null });
  });

  it('the mail server refusing the first try: the job retries with back-off and the receipt arrives once', async () => {
    const m = await t.registerMember(`receipt_retry${++n}`, { email: `receipt_retry${n}@example.com` });
    const o = await order(m.accessToken);
    const refusedBefore = smtp.refused;
    smtp.failNext(1);
    fake.pay(o.outTradeNo);
    await waitFor(async () => smtp.refused, (r) => r === refusedBefore + 1, 'the refused first try');
    expect(receipts(o.outTradeNo)).toHaveLength(0);
    expect((await t.db.query('SELECT receipt_sent_at FROM payment_orders WHERE out_trade_no = $1', [o.outTradeNo])).rows[0].receipt_sent_at).toBeNull();
    await waitFor(async () => receipts(o.outTradeNo), (r) => r.length > 0, 'the retried receipt', 30_000);
    expect(await waitFor(() => receiptRecord(o.outTradeNo), (r) => r?.status === 'done', 'the receipt job record')).toMatchObject({ result: { outcome: 'sent' }, message: null });
    // A duplicated paid notification after the retry: still one.
    expect((await notify(paidNotification(o.outTradeNo))).status).toBe(204);
    await queueIdle();
    expect(receipts(o.outTradeNo)).toHaveLength(1);
    expect(smtp.refused).toBe(refusedBefore + 1);
    expect(await receiptEvents(o.outTradeNo)).toEqual([{ outcome: 'SENT', detail: null }]);
  });

  it('the last try failing marks the job record failed and leaves a FAILED event on the order timeline', async () => {
    const m = await t.registerMember(`receipt_fail${++n}`, { email: `receipt_fail${n}@example.com` });
    const o = await order(m.accessToken);
    // The receipt job must not run on its own here: its queued record stays, as if the queue were down.
    const listeners = withoutPaidListeners();
    try {
      fake.pay(o.outTradeNo);
      await waitFor(() => orderRow(o.outTradeNo), (r) => r.status === 'paid', 'paid');
    } finally {
      listeners.restore();
    }
    // The worker's last attempt, driven through the processor with a mail server that refuses it.
    const refusedBefore = smtp.refused;
    smtp.failNext(1);
    const job = { name: 'payments.receipt', data: { recordId: PaymentsReceiptService.jobId(o.outTradeNo), outTradeNo: o.outTradeNo, userId: m.user.id, expiresAt: '2026-06-02T02:00:00.000Z' }, attemptsMade: RECEIPT_ATTEMPTS - 1, opts: { attempts: RECEIPT_ATTEMPTS } };
    await expect(t.app.get(PaymentsProcessor).process(job as never)).rejects.toMatchObject({ responseCode: 451 });
    expect(smtp.refused).toBe(refusedBefore + 1);
    const record = await receiptRecord(o.outTradeNo);
    expect(record).toMatchObject({ status: 'failed' });
    expect(record!.message).toMatch(/451/);
    const [ev] = await receiptEvents(o.outTradeNo);
    expect(ev).toMatchObject({ outcome: 'FAILED', detail: { attempts: RECEIPT_ATTEMPTS } });
    expect(receipts(o.outTradeNo)).toHaveLength(0);
    expect((await t.db.query('SELECT receipt_sent_at FROM payment_orders WHERE out_trade_no = $1', [o.outTradeNo])).rows[0].receipt_sent_at).toBeNull();
  });

  it('a receipt whose job never reached the queue (a crash right after the commit) is queued by the reconciliation pass, once', async () => {
    const m = await t.registerMember(`receipt_lost${++n}`, { email: `receipt_lost${n}@example.com` });
    const o = await order(m.accessToken);
    const listeners = withoutPaidListeners();
    try {
      fake.pay(o.outTradeNo);
      await waitFor(() => orderRow(o.outTradeNo), (r) => r.status === 'paid', 'paid');
      await queueIdle();
      expect(await receiptRecord(o.outTradeNo)).toMatchObject({ status: 'queued' });
      expect(receipts(o.outTradeNo)).toHaveLength(0);
    } finally {
      listeners.restore();
    }
    const receiptSvc = t.app.get(PaymentsReceiptService);
    expect(await receiptSvc.resubmitStale(3600)).toBe(0); // not stale yet
    expect(await receiptSvc.resubmitStale(0)).toBeGreaterThanOrEqual(1);
    await waitFor(async () => receipts(o.outTradeNo), (r) => r.length > 0, 'the re-queued receipt');
    await waitFor(() => receiptRecord(o.outTradeNo), (r) => r?.status === 'done', 'the receipt job record');
    await receiptSvc.resubmitStale(0);
    await queueIdle();
    expect(receipts(o.outTradeNo)).toHaveLength(1);
  });

  it('in English when the member ordered in English; no receipt without an address', async () => {
    const m = await t.registerMember(`receipt_en${++n}`, { email: `receipt_en${n}@example.com` });
    const r = await t.api('POST', '/payments/wechat/orders', { token: m.accessToken, body: { level: 1 }, headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(r.status).toBe(201);
    const o = r.body as { outTradeNo: string };
    fake.pay(o.outTradeNo);
    const [mail] = await waitFor(async () => receipts(o.outTradeNo), (x) => x.length > 0, 'the English receipt');
    expect(mail!.subject).toBe(`Zhice: payment received – order ${o.outTradeNo}`);
    for (const line of [`Order number: ${o.outTradeNo}`, 'Term: 3 months', 'Amount: ¥299.00', 'VIP valid until: 2026-06-02 10:00 (Beijing time)']) expect(mail!.text).toContain(line);
    expect(mail!.text).not.toMatch(/[\u4e00-\u9fff]/);

    const silent = await member();
    const p = await order(silent.accessToken);
    fake.pay(p.outTradeNo);
    expect(await waitFor(() => receiptRecord(p.outTradeNo), (x) => x?.status === 'done', 'the receipt job')).toMatchObject({ result: { outcome: 'no-address' } });
    expect(receipts(p.outTradeNo)).toHaveLength(0);
    expect(await receiptEvents(p.outTradeNo)).toEqual([{ outcome: 'NO_ADDRESS', detail: null }]);
  });
});

/** Detaches the receipt's after-commit listener (as if the process died right after the commit); `restore()` puts it back. */
function withoutPaidListeners() {
  const emitter = t.app.get(EventEmitter2);
  const saved = emitter.listeners(PAYMENT_ORDER_PAID);
  emitter.removeAllListeners(PAYMENT_ORDER_PAID);
  return { restore: () => saved.forEach((fn) => emitter.on(PAYMENT_ORDER_PAID, fn as (...args: unknown[]) => void)) };
}

describe('reconciliation', () => {
  it('finds a payment without any notify by querying on the back-off', async () => {
    const m = await member();
    const o = await order(m.accessToken);
    fake.pay(o.outTradeNo, { notify: false });
    await svc.reconcileDue(); // not due yet: the first query is 1 minute after the order
    expect((await orderRow(o.outTradeNo)).status).toBe('pending');
    t.clock.advance(61_000);
    await svc.reconcileDue();
    const d = await orderRow(o.outTradeNo);
    expect(d.status).toBe('paid');
    expect(d.events.map((e: { kind: string; outcome: string }) => `${e.kind}:${e.outcome}`)).toContain('query:SUCCESS');
    expect(await grantsFor(o.outTradeNo)).toBe(1);
  });

  it('backs off 1, 2, 5, 10, 30 minutes while unpaid, then closes the expired order at WeChat Pay', async () => {
    const m = await member();
    const o = await order(m.accessToken);
    const gaps: number[] = [];
    let last = t.clock.now().getTime();
    for (let i = 0; i < 5; i++) {
      const next = new Date((await orderRow(o.outTradeNo)).nextQueryAt).getTime();
      gaps.push((next - last) / 60_000);
      t.clock.set(new Date(next));
      last = next;
      await svc.reconcileDue();
    }
    expect(gaps).toEqual([1, 2, 5, 10, 30]);
    t.clock.set(new Date(new Date(o.expiresAt).getTime() + 1000));
    await svc.reconcileDue();
    const d = await orderRow(o.outTradeNo);
    expect(d.status).toBe('closed');
    expect(fake.orders.get(o.outTradeNo)!.state).toBe('CLOSED');
    expect(fake.requests.some((r) => r.path === `/v3/pay/transactions/out-trade-no/${o.outTradeNo}/close` && r.status === 204)).toBe(true);
    // Closed orders explain themselves to the member; a re-click makes a new order.
    expect((await t.api('GET', `/payments/orders/${o.outTradeNo}`, { token: m.accessToken })).body.status).toBe('closed');
    const again = await order(m.accessToken);
    expect(again.outTradeNo).not.toBe(o.outTradeNo);
  });

  it('a close answered ORDER_PAID (paid at the last moment) reconciles to paid', async () => {
    const m = await member();
    const o = await order(m.accessToken);
    fake.pay(o.outTradeNo, { notify: false });
    t.clock.set(new Date(new Date(o.expiresAt).getTime() + 1000));
    await svc.closeAtWechat(o.outTradeNo);
    const d = await orderRow(o.outTradeNo);
    expect(d.status).toBe('paid');
    expect(d.events.map((e: { kind: string; outcome: string }) => `${e.kind}:${e.outcome}`)).toEqual(expect.arrayContaining(['close:ERROR_ORDER_PAID', 'query:SUCCESS', 'grant:NEW']));
    expect(await grantsFor(o.outTradeNo)).toBe(1);
  });

  it('admin sync now goes through the same fulfilment and is audited', async () => {
    const m = await member();
    const o = await order(m.accessToken);
    fake.pay(o.outTradeNo, { notify: false });
    const r = await t.api('POST', `/admin/payments/orders/${o.outTradeNo}/sync`, { token: admin });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'paid', username: m.user.username });
    const log = await t.api('GET', `/admin/operation-logs?action=payment.sync&targetId=${o.outTradeNo}`, { token: admin });
    expect(log.body.items[0]).toMatchObject({ before: { status: 'pending' }, after: { status: 'paid' } });
  });
});

describe('refunds', () => {
  async function paidOrder() {
    const m = await member();
    const o = await order(m.accessToken);
    await notify(paidNotification(o.outTradeNo));
    return { m, o };
  }
  const refund = (no: string, amountFen: number, reason = '会员申请退款') => t.api('POST', `/admin/payments/orders/${no}/refunds`, { token: admin, body: { amountFen, reason } });

  it('a partial refund leaves VIP as it is; the refund notify settles it', async () => {
    const { m, o } = await paidOrder();
    const r = await refund(o.outTradeNo, 10000);
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ outRefundNo: `${o.outTradeNo}R1`, outTradeNo: o.outTradeNo, status: 'processing', amountFen: 10000, reason: '会员申请退款', createdAt: expect.any(String), successAt: null });
    fake.settleRefund(r.body.outRefundNo);
    await waitFor(() => orderRow(o.outTradeNo), (d) => d.refundedFen === 10000, 'refund settled');
    const d = await orderRow(o.outTradeNo);
    expect(d).toMatchObject({ status: 'paid', refundedFen: 10000 });
    expect(d.refunds[0]).toMatchObject({ status: 'success' });
    expect((await t.api('GET', '/me', { token: m.accessToken })).body.vipLevel).toBe(1);
  });

  it('a full refund (deflate-compressed answers) reverts the VIP time that order granted, as a new audited grant', async () => {
    const { m, o } = await paidOrder();
    fake.deflateAnswers = true;
    try {
      const r = await refund(o.outTradeNo, VIP1_PRICE, '重复购买');
      expect(r.status).toBe(201);
      fake.settleRefund(r.body.outRefundNo, 'SUCCESS', { notify: false });
      t.clock.advance(61_000);
      await svc.reconcileDue(); // no notify: the refund query settles it
    } finally {
      fake.deflateAnswers = false;
    }
    const d = await orderRow(o.outTradeNo);
    expect(d).toMatchObject({ status: 'refunded', refundedFen: VIP1_PRICE });
    const me = await t.api('GET', '/me', { token: m.accessToken });
    expect(me.body.vipLevel).toBe(0);
    const grants = await t.api('GET', '/me/vip-grants', { token: m.accessToken });
    expect(grants.body.items.map((g: { kind: string; source: string }) => `${g.source}:${g.kind}`)).toEqual(['payment_refund:revert', 'payment:new']);
    const log = await t.api('GET', `/admin/operation-logs?action=vip.revert&targetId=${m.user.id}`, { token: admin });
    expect(log.body.items[0]).toMatchObject({ after: { rule: 'exact' } });
    expect((await t.api('GET', `/payments/orders/${o.outTradeNo}`, { token: m.accessToken })).body).toMatchObject({ status: 'refunded', refundedFen: VIP1_PRICE });
    // Nothing left to refund.
    expect((await refund(o.outTradeNo, 1)).body.code).toBe('PAYMENT_REFUND_EXCEEDS_PAID');
  });

  it('two concurrent refunds over the paid amount → one refused; the refunded total never exceeds paid', async () => {
    for (let round = 0; round < 3; round++) {
      const { o } = await paidOrder();
      const [a, b] = await Promise.all([refund(o.outTradeNo, 20000), refund(o.outTradeNo, 20000)]);
      expect([a.status, b.status].sort()).toEqual([201, 409]);
      expect([a.body.code, b.body.code]).toContain('PAYMENT_REFUND_EXCEEDS_PAID');
      const sum = await t.db.query(`SELECT COALESCE(SUM(amount_fen), 0)::int AS s FROM payment_refunds WHERE out_trade_no = $1`, [o.outTradeNo]);
      expect(sum.rows[0].s).toBe(20000);
    }
  });

  it('a lost refund answer is retried with the same out_refund_no; NOT_ENOUGH waits; validation and state are checked', async () => {
    const { o } = await paidOrder();
    fake.failNext.push([403, 'NOT_ENOUGH', '基本账户余额不足，请充值后重新发起']);
    const r = await refund(o.outTradeNo, 5000);
    expect(r.body).toMatchObject({ status: 'submitting', outRefundNo: `${o.outTradeNo}R1` });
    t.clock.advance(61_000);
    await svc.reconcileDue(); // not due: NOT_ENOUGH backs off (2 min)
    expect((await orderRow(o.outTradeNo)).refunds[0].status).toBe('submitting');
    t.clock.advance(61_000);
    await svc.reconcileDue();
    const d = await orderRow(o.outTradeNo);
    expect(d.refunds).toEqual([expect.objectContaining({ outRefundNo: `${o.outTradeNo}R1`, status: 'processing' })]);
    expect(d.events.map((e: { outcome: string }) => e.outcome)).toContain('ERROR_NOT_ENOUGH');
    expect(fake.refunds.get(`${o.outTradeNo}R1`)!.refund).toBe(5000);
    for (const body of [{ amountFen: 0, reason: 'x' }, { amountFen: 1.5, reason: 'x' }, { amountFen: 1, reason: '' }, { amountFen: 1 }, { amountFen: 1, reason: 'a\u0000b' }, { amountFen: 2 ** 60, reason: 'x' }]) {
      expect((await t.api('POST', `/admin/payments/orders/${o.outTradeNo}/refunds`, { token: admin, body })).status).toBe(400);
    }
    const m = await member();
    const pending = await order(m.accessToken);
    expect((await refund(pending.outTradeNo, 100)).body.code).toBe('PAYMENT_NOT_REFUNDABLE');
    expect((await t.api('POST', `/admin/payments/orders/${pending.outTradeNo}/refunds`, { token: m.accessToken, body: { amountFen: 1, reason: 'x' } })).status).toBe(403);
  });
});

describe('client', () => {
  const client = (over: Partial<ConstructorParameters<typeof WechatPayHttpClient>[0]> = {}) =>
    new WechatPayHttpClient({
      baseUrl: fake.url,
      mchid: merchant.mchid,
      appid: merchant.appid,
      merchantSerial: merchant.merchantSerial,
      merchantPrivateKey: merchant.privateKey,
      verifyKeys: fake.verifyKeys(),
      preferredSerial: fake.publicKeyId,
      now: () => t.clock.now().getTime(),
      ...over,
    });

  it('a SIGNTEST probe in an answer fails verification cleanly (typed, no crash)', async () => {
    fake.probeNext = 1;
    const e = await client().queryOrder('ZC20260302NOSUCHORDER000001').catch((x) => x);
    // The probe hit an error answer (404): errors are typed without verification, like the official SDKs.
    expect(e).toBeInstanceOf(WechatPayError);
    const m = await member();
    const o = await order(m.accessToken);
    fake.probeNext = 1;
    const p = await client().queryOrder(o.outTradeNo).catch((x) => x);
    expect(p).toMatchObject({ kind: 'RESPONSE_UNVERIFIED', code: 'SIGNTEST_PROBE' });
    expect((await client().queryOrder(o.outTradeNo)).trade_state).toBe('NOTPAY');
  });

  it('chooses the verification key by Wechatpay-Serial (platform certificate during a switch)', async () => {
    const m = await member();
    const o = await order(m.accessToken);
    expect((await client({ preferredSerial: fake.certSerial }).queryOrder(o.outTradeNo)).trade_state).toBe('NOTPAY');
    const onlyPub = new Map([[fake.publicKeyId, fake.verifyKeys().get(fake.publicKeyId)!]]);
    expect(await client({ preferredSerial: fake.certSerial, verifyKeys: onlyPub }).queryOrder(o.outTradeNo).catch((x) => x)).toMatchObject({ kind: 'RESPONSE_UNVERIFIED', code: 'UNKNOWN_SERIAL' });
  });

  it('maps error envelopes to typed errors: SIGN_ERROR, ORDER_NOT_EXIST, NOT_ENOUGH, rate limit, network', async () => {
    const other = generateMerchant();
    expect(await client({ merchantPrivateKey: other.privateKey }).queryOrder('ZC1234567').catch((x) => x)).toMatchObject({ kind: 'SIGN_ERROR', httpStatus: 401 });
    expect(await client().queryOrder('ZC20260302NOSUCHORDER000002').catch((x) => x)).toMatchObject({ kind: 'ORDER_NOT_EXIST', httpStatus: 404 });
    fake.failNext.push([403, 'NOTENOUGH', '余额不足'], [429, 'FREQUENCY_LIMITED', '频率超限']);
    expect(await client().queryOrder('x1234567').catch((x) => x)).toMatchObject({ kind: 'NOT_ENOUGH' });
    expect(await client().queryOrder('x1234567').catch((x) => x)).toMatchObject({ kind: 'RATE_LIMITED', transient: true });
    expect(await client({ baseUrl: 'http://127.0.0.1:9' }).queryOrder('x1234567').catch((x) => x)).toMatchObject({ kind: 'NETWORK', transient: true });
    // A clock 6 minutes off: WeChat refuses our signature's timestamp.
    expect(await client({ now: () => t.clock.now().getTime() - 360_000 }).queryOrder('x1234567').catch((x) => x)).toMatchObject({ kind: 'SIGN_ERROR' });
  });
});

describe('admin', () => {
  it('lists with filters and paging, exports XLSX, and charts revenue by day', async () => {
    const list = await t.api('GET', '/admin/payments/orders?status=paid&pageSize=2&sort=amountFen:desc', { token: admin });
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    expect(list.body.total).toBeGreaterThan(2);
    expect(list.body.items.every((i: { status: string }) => i.status === 'paid')).toBe(true);
    expect((await t.api('GET', '/admin/payments/orders?status=nope', { token: admin })).status).toBe(400);
    const res = await fetch(`${t.baseUrl}/api/v1/admin/payments/orders/export?status=paid`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    const rev = await t.api('GET', '/admin/payments/revenue?days=30', { token: admin });
    expect(rev.body.length).toBeGreaterThan(0);
    expect(rev.body[0]).toMatchObject({ day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), paidFen: expect.any(Number) });
    const sweep = await t.api('POST', '/admin/payments/sweep', { token: admin });
    expect(sweep.status).toBe(200);
  });
});
