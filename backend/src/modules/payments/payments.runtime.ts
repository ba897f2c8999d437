import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { AppConfig } from '../../config/config.js';
import { WechatPayHttpClient } from './wechatpay/wechatpay-http.client.js';
import type { WechatPayGateway } from './wechatpay/wechatpay.gateway.js';

/** Everything the payments service needs once WeChat Pay is configured (or simulated). */
export interface PaymentsRuntime {
  gateway: WechatPayGateway;
  mchid: string;
  appid: string;
  apiV3Key: string;
  notifyUrl: string;
  /** Callback verification keys by Wechatpay-Serial (public key id and/or platform cert serials). */
  verifyKeys: ReadonlyMap<string, KeyObject>;
  simulator: SimulatorControl | null;
}

/** The dev simulator's "the member scanned and paid" button. */
export interface SimulatorControl {
  pay(outTradeNo: string): void;
  close(): Promise<void>;
}

/** DI token: `PaymentsRuntime | null` (null = payments off). */
export const PAYMENTS_RUNTIME = Symbol('PAYMENTS_RUNTIME');

export function realRuntime(config: AppConfig, now: () => number): PaymentsRuntime | null {
  const w = config.wechatPay;
  if (!w) return null;
  const verifyKeys = new Map<string, KeyObject>();
  if (w.publicKey) verifyKeys.set(w.publicKey.id, createPublicKey(w.publicKey.pem));
  for (const c of w.platformCerts) verifyKeys.set(c.serial, createPublicKey(c.pem));
  return {
    gateway: new WechatPayHttpClient({
      baseUrl: w.baseUrl,
      mchid: w.mchid,
      appid: w.appid,
      merchantSerial: w.merchantSerial,
      merchantPrivateKey: createPrivateKey(w.merchantPrivateKeyPem),
      verifyKeys,
      preferredSerial: w.publicKey?.id ?? null,
      now,
    }),
    mchid: w.mchid,
    appid: w.appid,
    apiV3Key: w.apiV3Key,
    notifyUrl: w.notifyUrl,
    verifyKeys,
    simulator: null,
  };
}
