import { createPublicKey, generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { deflateSync } from 'node:zlib';
import {
  aesGcmEncrypt,
  MAX_CLOCK_SKEW_SEC,
  nonceStr,
  parseAuthorization,
  requestMessage,
  responseMessage,
  rfc3339Shanghai,
  rsaSign,
  rsaVerify,
  SIGNTEST_PREFIX,
} from '../wechatpay/wechatpay-crypto.js';

/**
 * A protocol-faithful fake of WeChat Pay API v3 (Native, refunds, callbacks), per
 * shared/protocols/wechatpay-v3.md §3.12. It checks our request signatures with the merchant's
 * public key, signs every answer (errors and 204 too) with its own RSA key chosen by the request's
 * `Wechatpay-Serial`, and delivers signed, AES-256-GCM-encrypted callbacks on WeChat's retry
 * schedule (compressed in time). The tests and the dev simulator (`WECHATPAY_SIMULATOR=true`) both
 * use it; the product loads this file only when the simulator is on.
 */
export interface FakeMerchant {
  mchid: string;
  appid: string;
  merchantSerial: string;
  merchantPublicKey: KeyObject;
  apiV3Key: string;
}

/** WeChat's notify retry schedule in seconds: 15 retries over 24h4m (§3.9). */
export const WECHAT_RETRY_SCHEDULE_SEC = [15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600];

export interface FakeOptions extends FakeMerchant {
  /** The fake's clock (tests share theirs with the app), ms since epoch. */
  now?: () => number;
  /** Milliseconds per WeChat second for the callback retry schedule (default 1: 15 s → 15 ms). */
  retryMsPerSecond?: number;
  /** Where callbacks go instead of the order's notify_url (the simulator's own loopback port). */
  deliverTo?: () => string | null;
}

export interface FakeTransaction {
  appid: string;
  mchid: string;
  outTradeNo: string;
  description: string;
  total: number;
  notifyUrl: string;
  timeExpire: string | null;
  attach: string;
  params: string;
  state: 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND';
  transactionId: string | null;
  successTime: string | null;
  openid: string | null;
  refundedTotal: number;
}

export interface FakeRefund {
  refundId: string;
  outRefundNo: string;
  outTradeNo: string;
  transactionId: string;
  refund: number;
  total: number;
  reason: string;
  notifyUrl: string | null;
  status: 'PROCESSING' | 'SUCCESS' | 'CLOSED' | 'ABNORMAL';
  createTime: string;
  successTime: string | null;
}

export interface Delivery {
  eventId: string;
  eventType: string;
  attempt: number;
  status: number | null;
  at: number;
}

export interface NotificationBuild {
  /** Decrypted resource (a Transaction or refund object); tamper with it before sending. */
  resource: Record<string, unknown>;
  eventType?: string;
  associatedData?: string;
  timestampSec?: number;
  signature?: string;
  serial?: string;
  /** Encrypt with this key instead of the APIv3 key (a forged callback). */
  apiV3Key?: string;
  /** Declare this associated_data in the envelope while encrypting with the real one. */
  declaredAssociatedData?: string;
}

export class WechatPayFake {
  readonly platformKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  readonly publicKeyId = `PUB_KEY_ID_0112${randomDigits(26)}`;
  /** A legacy platform certificate's serial (40 hex) with its own key, for the switch period. */
  readonly certKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  readonly certSerial = randomBytes(20).toString('hex').toUpperCase();
  readonly orders = new Map<string, FakeTransaction>();
  readonly refunds = new Map<string, FakeRefund>();
  readonly requests: Array<{ method: string; path: string; status: number }> = [];
  readonly deliveries: Delivery[] = [];
  /** The next N answers carry a `WECHATPAY/SIGNTEST/` signature. */
  probeNext = 0;
  /** Compress answers with deflate, as WeChat did on a live refund answer. */
  deflateAnswers = false;
  /** Callbacks use the platform certificate instead of the public key (migration period). */
  callbacksWithCert = false;
  /** Answer the next requests with these errors (status, code, message) before serving normally. */
  failNext: Array<[number, string, string]> = [];
  /** The next N callback deliveries carry a `WECHATPAY/SIGNTEST/` signature (WeChat then resends). */
  probeCallbacks = 0;
  url = '';
  private server: http.Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly o: FakeOptions) {}

  get publicKeyPem(): string {
    return this.platformKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }
  get certPublicKeyPem(): string {
    return this.certKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }
  private now(): number {
    return this.o.now ? this.o.now() : Date.now();
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => void this.handle(req, res, Buffer.concat(chunks).toString('utf8')));
    });
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  // ---- HTTP side ---------------------------------------------------------------------------

  private async handle(req: http.IncomingMessage, res: http.ServerResponse, body: string) {
    const url = req.url ?? '/';
    const method = req.method ?? 'GET';
    const answer = (status: number, json: unknown) => {
      this.requests.push({ method, path: url, status });
      this.respond(req, res, status, json);
    };
    const auth = parseAuthorization(req.headers.authorization);
    if (!auth) return answer(401, { code: 'SIGN_ERROR', message: 'Http头缺少Authorization或格式错误' });
    if (auth.mchid !== this.o.mchid) return answer(401, { code: 'SIGN_ERROR', message: '商户号与Authorization不一致' });
    if (auth.serial_no !== this.o.merchantSerial) return answer(401, { code: 'SIGN_ERROR', message: '商户证书序列号有误' });
    const ts = Number(auth.timestamp);
    if (!auth.timestamp || !/^\d{10}$/.test(auth.timestamp) || Math.abs(this.now() / 1000 - ts) > MAX_CLOCK_SKEW_SEC) {
      return answer(401, { code: 'SIGN_ERROR', message: 'Http头Authorization中的timestamp与发起请求的时间不得超过5分钟' });
    }
    const msg = requestMessage(method, url, auth.timestamp, auth.nonce_str ?? '', body);
    if (!auth.nonce_str || !rsaVerify(msg, auth.signature ?? '', this.o.merchantPublicKey)) {
      return answer(401, { code: 'SIGN_ERROR', message: '签名错误' });
    }
    const fail = this.failNext.shift();
    if (fail) return answer(fail[0], { code: fail[1], message: fail[2] });
    const u = new URL(url, 'http://fake');
    let m: RegExpMatchArray | null;
    if (method === 'POST' && u.pathname === '/v3/pay/transactions/native') return answer(...this.native(body));
    if (method === 'GET' && (m = u.pathname.match(/^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/))) {
      if (u.searchParams.get('mchid') !== this.o.mchid) return answer(400, { code: 'PARAM_ERROR', message: 'mchid 不正确' });
      return answer(...this.query(decodeURIComponent(m[1]!)));
    }
    if (method === 'POST' && (m = u.pathname.match(/^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/))) return answer(...this.closeOrder(decodeURIComponent(m[1]!), body));
    if (method === 'POST' && u.pathname === '/v3/refund/domestic/refunds') return answer(...this.refund(body));
    if (method === 'GET' && (m = u.pathname.match(/^\/v3\/refund\/domestic\/refunds\/([^/]+)$/))) {
      const r = this.refunds.get(decodeURIComponent(m[1]!));
      return r ? answer(200, this.refundJson(r)) : answer(404, { code: 'RESOURCE_NOT_EXISTS', message: '退款单不存在' });
    }
    return answer(404, { code: 'NOT_FOUND', message: 'no such API' });
  }

  private respond(req: http.IncomingMessage, res: http.ServerResponse, status: number, json: unknown) {
    const text = status === 204 ? '' : JSON.stringify(json);
    const wanted = String(req.headers['wechatpay-serial'] ?? '');
    const useCert = wanted === this.certSerial;
    const ts = String(Math.floor(this.now() / 1000));
    const nonce = nonceStr();
    let signature = rsaSign(responseMessage(ts, nonce, text), useCert ? this.certKeys.privateKey : this.platformKeys.privateKey);
    if (this.probeNext > 0) {
      this.probeNext--;
      signature = `${SIGNTEST_PREFIX}${signature.slice(0, 40)}`;
    }
    const headers: Record<string, string> = {
      'Content-Type': 'application/json; charset=utf-8',
      'Request-ID': randomUUID(),
      'Wechatpay-Nonce': nonce,
      'Wechatpay-Timestamp': ts,
      'Wechatpay-Serial': useCert ? this.certSerial : this.publicKeyId,
      'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
      'Wechatpay-Signature': signature,
    };
    let payload: Buffer = Buffer.from(text, 'utf8');
    if (this.deflateAnswers && text && /deflate/.test(String(req.headers['accept-encoding'] ?? ''))) {
      payload = deflateSync(payload);
      headers['Content-Encoding'] = 'deflate';
    }
    res.writeHead(status, headers);
    res.end(payload);
  }

  private native(body: string): [number, unknown] {
    let p: Record<string, any>;
    try {
      p = JSON.parse(body);
    } catch {
      return [400, { code: 'PARAM_ERROR', message: '输入源不是合法JSON' }];
    }
    const allowed = new Set(['appid', 'mchid', 'description', 'out_trade_no', 'time_expire', 'attach', 'notify_url', 'goods_tag', 'support_fapiao', 'amount', 'detail', 'scene_info', 'settle_info']);
    for (const k of Object.keys(p)) if (!allowed.has(k)) return [400, { code: 'PARAM_ERROR', message: '请求中含有未在API文档中定义的参数', detail: { location: 'body', value: k } }];
    for (const k of ['appid', 'mchid', 'description', 'out_trade_no', 'notify_url']) {
      if (typeof p[k] !== 'string' || !p[k]) return [400, { code: 'PARAM_ERROR', message: `${k} 为必填项`, detail: { location: 'body', field: k } }];
    }
    if (!/^[0-9A-Za-z_\-|*]{6,32}$/.test(p.out_trade_no)) return [400, { code: 'PARAM_ERROR', message: 'out_trade_no 格式不正确' }];
    if (!/^https?:\/\/[^\s?#]+$/.test(p.notify_url)) return [400, { code: 'PARAM_ERROR', message: 'notify_url 格式不正确' }];
    if (!p.amount || !Number.isInteger(p.amount.total) || p.amount.total < 1) return [400, { code: 'PARAM_ERROR', message: 'amount.total 必须为大于0的整数' }];
    if (p.mchid !== this.o.mchid || p.appid !== this.o.appid) return [400, { code: 'APPID_MCHID_NOT_MATCH', message: 'appid和mch_id不匹配' }];
    const params = JSON.stringify({ ...p });
    const existing = this.orders.get(p.out_trade_no);
    if (existing) {
      if (existing.state === 'SUCCESS' || existing.state === 'REFUND') return [400, { code: 'ORDER_PAID', message: '订单已支付' }];
      if (existing.state === 'CLOSED') return [400, { code: 'ORDER_CLOSED', message: '订单已关闭' }];
      if (existing.params !== params) return [400, { code: 'INVALID_REQUEST', message: '请求重入时，参数与首次请求时不一致' }];
    } else {
      this.orders.set(p.out_trade_no, {
        appid: p.appid,
        mchid: p.mchid,
        outTradeNo: p.out_trade_no,
        description: p.description,
        total: p.amount.total,
        notifyUrl: p.notify_url,
        timeExpire: p.time_expire ?? null,
        attach: p.attach ?? '',
        params,
        state: 'NOTPAY',
        transactionId: null,
        successTime: null,
        openid: null,
        refundedTotal: 0,
      });
    }
    return [200, { code_url: `weixin://wxpay/bizpayurl?pr=${randomBytes(6).toString('base64url')}` }];
  }

  transactionJson(o: FakeTransaction): Record<string, unknown> {
    const base = { appid: o.appid, mchid: o.mchid, out_trade_no: o.outTradeNo, promotion_detail: [], scene_info: { device_id: '' }, attach: o.attach };
    if (o.state === 'NOTPAY' || o.state === 'CLOSED') {
      return { ...base, amount: { payer_currency: 'CNY', total: o.total }, trade_state: o.state, trade_state_desc: o.state === 'NOTPAY' ? '订单未支付' : '订单已关闭' };
    }
    return {
      ...base,
      transaction_id: o.transactionId,
      trade_type: 'NATIVE',
      trade_state: o.state,
      trade_state_desc: o.state === 'SUCCESS' ? '支付成功' : '订单发生过退款',
      bank_type: 'OTHERS',
      success_time: o.successTime,
      payer: { openid: o.openid },
      amount: { currency: 'CNY', payer_currency: 'CNY', payer_total: o.total, total: o.total },
    };
  }

  private query(outTradeNo: string): [number, unknown] {
    const o = this.orders.get(outTradeNo);
    return o ? [200, this.transactionJson(o)] : [404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' }];
  }

  private closeOrder(outTradeNo: string, body: string): [number, unknown] {
    let p: { mchid?: string };
    try {
      p = JSON.parse(body);
    } catch {
      return [400, { code: 'PARAM_ERROR', message: '输入源不是合法JSON' }];
    }
    if (p.mchid !== this.o.mchid) return [400, { code: 'PARAM_ERROR', message: 'mchid 不正确' }];
    const o = this.orders.get(outTradeNo);
    if (!o) return [404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' }];
    if (o.state === 'SUCCESS' || o.state === 'REFUND') return [400, { code: 'ORDER_PAID', message: '订单已支付' }];
    o.state = 'CLOSED';
    return [204, null];
  }

  private refund(body: string): [number, unknown] {
    let p: Record<string, any>;
    try {
      p = JSON.parse(body);
    } catch {
      return [400, { code: 'PARAM_ERROR', message: '输入源不是合法JSON' }];
    }
    if (typeof p.out_refund_no !== 'string' || !/^[0-9A-Za-z_\-|*@]{1,64}$/.test(p.out_refund_no)) return [400, { code: 'PARAM_ERROR', message: 'out_refund_no 格式不正确' }];
    const again = this.refunds.get(p.out_refund_no);
    if (again) return [200, this.refundJson(again)];
    const o = this.orders.get(String(p.out_trade_no ?? ''));
    if (!o) return [404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' }];
    if (o.state !== 'SUCCESS' && o.state !== 'REFUND') return [400, { code: 'INVALID_REQUEST', message: '订单未支付，不能退款' }];
    const refund = p.amount?.refund;
    if (!Number.isInteger(refund) || refund < 1 || p.amount?.total !== o.total) return [400, { code: 'PARAM_ERROR', message: '退款金额参数错误' }];
    if (o.refundedTotal + refund > o.total) return [400, { code: 'INVALID_REQUEST', message: '申请退款金额超过订单可退金额' }];
    o.refundedTotal += refund;
    o.state = 'REFUND';
    const r: FakeRefund = {
      refundId: `50${randomDigits(30)}`,
      outRefundNo: p.out_refund_no,
      outTradeNo: o.outTradeNo,
      transactionId: o.transactionId ?? '',
      refund,
      total: o.total,
      reason: String(p.reason ?? ''),
      notifyUrl: typeof p.notify_url === 'string' ? p.notify_url : null,
      status: 'PROCESSING',
      createTime: rfc3339Shanghai(new Date(this.now())),
      successTime: null,
    };
    this.refunds.set(r.outRefundNo, r);
    return [200, this.refundJson(r)];
  }

  private refundJson(r: FakeRefund): Record<string, unknown> {
    return {
      refund_id: r.refundId,
      out_refund_no: r.outRefundNo,
      transaction_id: r.transactionId,
      out_trade_no: r.outTradeNo,
      channel: 'ORIGINAL',
      user_received_account: '支付用户零钱',
      success_time: r.successTime ?? undefined,
      create_time: r.createTime,
      status: r.status,
      funds_account: 'AVAILABLE',
      amount: { total: r.total, refund: r.refund, payer_total: r.total, payer_refund: r.refund, settlement_refund: r.refund, settlement_total: r.total, discount_refund: 0, currency: 'CNY', refund_fee: 0, from: [] },
      promotion_detail: [],
    };
  }

  // ---- control side (the "user" and WeChat's callback sender) --------------------------------

  /** The payer scans and pays: SUCCESS, then a TRANSACTION.SUCCESS callback (unless `notify: false`). */
  pay(outTradeNo: string, opts: { notify?: boolean } = {}): FakeTransaction {
    const o = this.orders.get(outTradeNo);
    if (!o) throw new Error(`fake: no order ${outTradeNo}`);
    if (o.state === 'NOTPAY') {
      if (o.timeExpire && Date.parse(o.timeExpire) < this.now()) throw new Error(`fake: order ${outTradeNo} has expired`);
      o.state = 'SUCCESS';
      o.transactionId = `4200${randomDigits(24)}`;
      o.successTime = rfc3339Shanghai(new Date(this.now()));
      o.openid = `oUpF8u${randomBytes(12).toString('base64url')}`;
    }
    if (opts.notify !== false) this.deliver(o.notifyUrl, this.notification({ resource: this.transactionJson(o), eventType: 'TRANSACTION.SUCCESS' }));
    return o;
  }

  /** The refund settles at the bank: its state changes and a REFUND.* callback goes out. */
  settleRefund(outRefundNo: string, status: 'SUCCESS' | 'CLOSED' | 'ABNORMAL' = 'SUCCESS', opts: { notify?: boolean } = {}): FakeRefund {
    const r = this.refunds.get(outRefundNo);
    if (!r) throw new Error(`fake: no refund ${outRefundNo}`);
    r.status = status;
    if (status === 'SUCCESS') r.successTime = rfc3339Shanghai(new Date(this.now()));
    if (status === 'CLOSED') {
      const o = this.orders.get(r.outTradeNo);
      if (o) o.refundedTotal -= r.refund;
    }
    const order = this.orders.get(r.outTradeNo);
    if (opts.notify !== false) {
      const resource = {
        mchid: this.o.mchid,
        transaction_id: r.transactionId,
        out_trade_no: r.outTradeNo,
        refund_id: r.refundId,
        out_refund_no: r.outRefundNo,
        refund_status: status,
        success_time: r.successTime ?? undefined,
        user_received_account: '支付用户零钱',
        amount: { total: r.total, refund: r.refund, payer_total: r.total, payer_refund: r.refund },
      };
      this.deliver(r.notifyUrl ?? order?.notifyUrl ?? '', this.notification({ resource, eventType: `REFUND.${status}`, associatedData: 'refund' }));
    }
    return r;
  }

  /** A callback as WeChat would send it (headers + raw body), optionally tampered with. */
  notification(b: NotificationBuild): { headers: Record<string, string>; body: string; eventId: string; eventType: string } {
    const eventType = b.eventType ?? 'TRANSACTION.SUCCESS';
    const isRefund = eventType.startsWith('REFUND.');
    const aad = b.associatedData ?? (isRefund ? 'refund' : 'transaction');
    const nonce = nonceStr(12);
    const eventId = randomUUID();
    const envelope = {
      id: eventId,
      create_time: rfc3339Shanghai(new Date(this.now())),
      resource_type: 'encrypt-resource',
      event_type: eventType,
      summary: isRefund ? '退款成功' : '支付成功',
      resource: {
        original_type: isRefund ? 'refund' : 'transaction',
        algorithm: 'AEAD_AES_256_GCM',
        ciphertext: aesGcmEncrypt(b.apiV3Key ?? this.o.apiV3Key, nonce, aad, JSON.stringify(b.resource)),
        associated_data: b.declaredAssociatedData ?? aad,
        nonce,
      },
    };
    const body = JSON.stringify(envelope);
    const ts = String(b.timestampSec ?? Math.floor(this.now() / 1000));
    const n = nonceStr();
    const useCert = this.callbacksWithCert;
    const signature = b.signature ?? rsaSign(responseMessage(ts, n, body), useCert ? this.certKeys.privateKey : this.platformKeys.privateKey);
    return {
      eventId,
      eventType,
      body,
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Mozilla/4.0',
        Accept: '*/*',
        Pragma: 'no-cache',
        'Wechatpay-Serial': b.serial ?? (useCert ? this.certSerial : this.publicKeyId),
        'Wechatpay-Signature': signature,
        'Wechatpay-Timestamp': ts,
        'Wechatpay-Nonce': n,
        'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
      },
    };
  }

  /** POSTs once; 200/204 is an ack, anything else (or no answer in 5 s) is not. */
  async post(url: string, n: { headers: Record<string, string>; body: string }): Promise<number | null> {
    try {
      const res = await fetch(url, { method: 'POST', headers: n.headers, body: n.body, signal: AbortSignal.timeout(5000) });
      await res.text();
      return res.status;
    } catch {
      return null;
    }
  }

  /** Delivers with WeChat's 15-step retry schedule, compressed (`retryMsPerSecond`). */
  deliver(notifyUrl: string, n: { headers: Record<string, string>; body: string; eventId: string; eventType: string }, attempt = 0): void {
    const target = this.o.deliverTo?.() ?? notifyUrl;
    let sent = n;
    if (this.probeCallbacks > 0) {
      this.probeCallbacks--;
      sent = { ...n, headers: { ...n.headers, 'Wechatpay-Signature': `${SIGNTEST_PREFIX}${n.headers['Wechatpay-Signature']!.slice(0, 40)}` } };
    }
    void this.post(target, sent).then((status) => {
      this.deliveries.push({ eventId: n.eventId, eventType: n.eventType, attempt, status, at: this.now() });
      if (status === 200 || status === 204 || this.closed) return;
      const wait = WECHAT_RETRY_SCHEDULE_SEC[attempt];
      if (wait === undefined) return;
      const t = setTimeout(() => {
        this.timers.delete(t);
        if (!this.closed) this.deliver(notifyUrl, n, attempt + 1);
      }, wait * (this.o.retryMsPerSecond ?? 1));
      this.timers.add(t);
    });
  }

  /** The merchant's view of the platform keys: serial → public key. */
  verifyKeys(): Map<string, KeyObject> {
    return new Map([
      [this.publicKeyId, createPublicKey(this.publicKeyPem)],
      [this.certSerial, createPublicKey(this.certPublicKeyPem)],
    ]);
  }
}

function randomDigits(n: number): string {
  let s = '';
  for (const b of randomBytes(n)) s += String(b % 10);
  return s;
}

/** A merchant identity for the simulator and tests: keypair, serial, APIv3 key. */
export function generateMerchant(mchid = '1900000001', appid = 'wxd678efh567hg6787') {
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    mchid,
    appid,
    merchantSerial: randomBytes(20).toString('hex').toUpperCase(),
    privateKey: keys.privateKey,
    privateKeyPem: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    merchantPublicKey: keys.publicKey,
    apiV3Key: randomBytes(24).toString('base64url').slice(0, 32),
  };
}
