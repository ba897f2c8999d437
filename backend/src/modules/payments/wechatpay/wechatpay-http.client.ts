import http from 'node:http';
import https from 'node:https';
import { inflateRawSync, inflateSync, gunzipSync } from 'node:zlib';
import type { KeyObject } from 'node:crypto';
import { authorizationHeader, nonceStr, requestMessage, rsaSign, verifySigned } from './wechatpay-crypto.js';
import { errorFromEnvelope, WechatPayError } from './wechatpay.errors.js';
import {
  WechatPayGateway,
  type NativeOrderRequest,
  type RefundRequest,
  type WechatRefund,
  type WechatTransaction,
} from './wechatpay.gateway.js';
import { rfc3339Shanghai } from './wechatpay-crypto.js';

export interface WechatPayClientOptions {
  baseUrl: string;
  mchid: string;
  appid: string;
  merchantSerial: string;
  merchantPrivateKey: KeyObject;
  /** Verification keys by `Wechatpay-Serial`: `PUB_KEY_ID_…` and/or platform certificate serials. */
  verifyKeys: ReadonlyMap<string, KeyObject>;
  /** Sent as `Wechatpay-Serial` so WeChat signs responses with the key we prefer (public-key mode). */
  preferredSerial: string | null;
  timeoutMs?: number;
  now?: () => number;
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const USER_AGENT = 'Zhice-WechatPay/1.0 (node:crypto)';

/**
 * A small WeChat Pay API v3 client over node:http(s) and node:crypto (why not a library: README
 * design notes). Signs every request (§3.2), verifies every 2xx answer — 204 included, over the
 * decoded body — with the key its `Wechatpay-Serial` names inside a 300 s window (§3.3), and turns
 * error envelopes into typed `WechatPayError`s (§3.10). Error answers are not verified, as in the
 * official SDKs: they never move money here, they only decide what to try next.
 */
export class WechatPayHttpClient extends WechatPayGateway {
  constructor(private readonly o: WechatPayClientOptions) {
    super();
  }

  async createNativeOrder(req: NativeOrderRequest): Promise<{ codeUrl: string }> {
    const body: Record<string, unknown> = {
      appid: this.o.appid,
      mchid: this.o.mchid,
      description: req.description,
      out_trade_no: req.outTradeNo,
      time_expire: rfc3339Shanghai(req.timeExpire),
      notify_url: req.notifyUrl,
      amount: { total: req.amountFen, currency: 'CNY' },
    };
    if (req.attach) body.attach = req.attach;
    const res = await this.call<{ code_url?: string }>('POST', '/v3/pay/transactions/native', body);
    if (!res || typeof res.code_url !== 'string') throw new WechatPayError('OTHER', 'native order answer without code_url');
    return { codeUrl: res.code_url };
  }

  async queryOrder(outTradeNo: string): Promise<WechatTransaction> {
    const res = await this.call<WechatTransaction>('GET', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}?mchid=${encodeURIComponent(this.o.mchid)}`);
    if (!res || typeof res.trade_state !== 'string') throw new WechatPayError('OTHER', 'query answer without trade_state');
    return res;
  }

  async closeOrder(outTradeNo: string): Promise<void> {
    await this.call('POST', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`, { mchid: this.o.mchid });
  }

  async createRefund(req: RefundRequest): Promise<WechatRefund> {
    const res = await this.call<WechatRefund>('POST', '/v3/refund/domestic/refunds', {
      out_trade_no: req.outTradeNo,
      out_refund_no: req.outRefundNo,
      reason: req.reason,
      notify_url: req.notifyUrl,
      amount: { refund: req.refundFen, total: req.totalFen, currency: 'CNY' },
    });
    if (!res || typeof res.out_refund_no !== 'string') throw new WechatPayError('OTHER', 'refund answer without out_refund_no');
    return res;
  }

  async queryRefund(outRefundNo: string): Promise<WechatRefund> {
    const res = await this.call<WechatRefund>('GET', `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`);
    if (!res || typeof res.out_refund_no !== 'string') throw new WechatPayError('OTHER', 'refund query answer without out_refund_no');
    return res;
  }

  /** Signs, sends, decodes, verifies; returns the parsed JSON (null for 204). */
  private async call<T>(method: 'GET' | 'POST', pathAndQuery: string, payload?: unknown): Promise<T | null> {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const timestamp = String(Math.floor(this.nowMs() / 1000));
    const nonce = nonceStr();
    const signature = rsaSign(requestMessage(method, pathAndQuery, timestamp, nonce, body), this.o.merchantPrivateKey);
    const headers: Record<string, string> = {
      Authorization: authorizationHeader({ mchid: this.o.mchid, serialNo: this.o.merchantSerial, timestamp, nonce, signature }),
      Accept: 'application/json',
      'Accept-Encoding': 'gzip, deflate',
      'User-Agent': USER_AGENT,
    };
    if (this.o.preferredSerial) headers['Wechatpay-Serial'] = this.o.preferredSerial;
    if (method === 'POST') headers['Content-Type'] = 'application/json';
    const res = await this.send(method, pathAndQuery, headers, body);
    if (res.status < 200 || res.status >= 300) throw errorFromEnvelope(res.status, res.body);
    const h = (name: string) => {
      const v = res.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const verdict = verifySigned(
      { timestamp: h('wechatpay-timestamp'), nonce: h('wechatpay-nonce'), signature: h('wechatpay-signature'), serial: h('wechatpay-serial') },
      res.body,
      this.o.verifyKeys,
      Math.floor(this.nowMs() / 1000),
    );
    if (!verdict.ok) throw new WechatPayError('RESPONSE_UNVERIFIED', `response signature not verified: ${verdict.reason}`, res.status, verdict.reason);
    if (res.status === 204 || res.body === '') return null;
    try {
      return JSON.parse(res.body) as T;
    } catch {
      throw new WechatPayError('OTHER', 'response is not JSON', res.status);
    }
  }

  private nowMs() {
    return this.o.now ? this.o.now() : Date.now();
  }

  private send(method: string, pathAndQuery: string, headers: Record<string, string>, body: string): Promise<RawResponse> {
    const url = new URL(this.o.baseUrl.replace(/\/$/, '') + pathAndQuery);
    const lib = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = lib.request(url, { method, headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) }, timeout: this.o.timeoutMs ?? 10_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => reject(new WechatPayError('NETWORK', `response failed: ${e.message}`)));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: decode(Buffer.concat(chunks), res.headers['content-encoding']) });
          } catch (e) {
            reject(new WechatPayError('NETWORK', `undecodable response body: ${(e as Error).message}`, res.statusCode ?? null));
          }
        });
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (e) => reject(e instanceof WechatPayError ? e : new WechatPayError('NETWORK', `${method} ${url.pathname}: ${e.message}`)));
      req.end(body);
    });
  }
}

/** `Content-Encoding: deflate` was seen on live refund answers: decode before verifying (zlib or raw). */
export function decode(buf: Buffer, encoding: string | undefined): string {
  const enc = (encoding ?? '').trim().toLowerCase();
  if (enc === 'deflate') {
    try {
      return inflateSync(buf).toString('utf8');
    } catch {
      return inflateRawSync(buf).toString('utf8');
    }
  }
  if (enc === 'gzip') return gunzipSync(buf).toString('utf8');
  return buf.toString('utf8');
}
