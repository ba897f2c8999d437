import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.js';
import { startSimulator } from './simulator/simulator.js';

const dir = mkdtempSync(path.join(tmpdir(), 'zhice-paycfg-'));
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
writeFileSync(path.join(dir, 'key.pem'), keys.privateKey.export({ type: 'pkcs8', format: 'pem' }));
writeFileSync(path.join(dir, 'pub.pem'), keys.publicKey.export({ type: 'spki', format: 'pem' }));
const base = { DATA_DIR: dir, DATABASE_URL: 'postgres://x@localhost/x', NODE_ENV: 'development' };
const full = {
  WECHATPAY_MCHID: '1900000001',
  WECHATPAY_APPID: 'wxd678efh567hg6787',
  WECHATPAY_MERCHANT_SERIAL: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
  WECHATPAY_MERCHANT_PRIVATE_KEY_FILE: path.join(dir, 'key.pem'),
  WECHATPAY_APIV3_KEY: 'abcdefghijklmnopqrstuvwxyz012345',
  WECHATPAY_PUBLIC_KEY_ID: 'PUB_KEY_ID_0112345678901234567890123456',
  WECHATPAY_PUBLIC_KEY_FILE: path.join(dir, 'pub.pem'),
  WECHATPAY_NOTIFY_URL: 'https://example.com/api/v1/payments/wechat/notify',
};

describe('payments config', () => {
  it('no settings → payments off (no simulator without demo data)', () => {
    const c = loadConfig({ ...base });
    expect(c.wechatPay).toBeNull();
    expect(c.wechatPaySimulator).toBe(false);
    expect(c.paymentOrderTtlMinutes).toBe(120);
  });

  it('demo data turns the simulator on when no merchant is set', () => {
    expect(loadConfig({ DATA_DIR: dir, NODE_ENV: 'development' }).wechatPaySimulator).toBe(true);
    expect(loadConfig({ DATA_DIR: dir, NODE_ENV: 'development', ...full }).wechatPaySimulator).toBe(false);
  });

  it('all settings → a validated merchant, official host by default', () => {
    const c = loadConfig({ ...base, ...full });
    expect(c.wechatPay).toMatchObject({ mchid: '1900000001', baseUrl: 'https://api.mch.weixin.qq.com', publicKey: { id: full.WECHATPAY_PUBLIC_KEY_ID } });
  });

  it('partial settings → boot fails naming what is missing', () => {
    const { WECHATPAY_APIV3_KEY: _a, WECHATPAY_PUBLIC_KEY_FILE: _b, ...partial } = full;
    expect(() => loadConfig({ ...base, ...partial })).toThrow(/missing WECHATPAY_APIV3_KEY, WECHATPAY_PUBLIC_KEY_FILE/);
    expect(() => loadConfig({ ...base, WECHATPAY_MCHID: '1900000001' })).toThrow(/WECHATPAY_APPID.*WECHATPAY_NOTIFY_URL/s);
  });

  it('bad values are named', () => {
    expect(() => loadConfig({ ...base, ...full, WECHATPAY_APIV3_KEY: 'short' })).toThrow(/WECHATPAY_APIV3_KEY must be exactly 32 bytes/);
    expect(() => loadConfig({ ...base, ...full, WECHATPAY_MERCHANT_PRIVATE_KEY_FILE: path.join(dir, 'nope.pem') })).toThrow(/WECHATPAY_MERCHANT_PRIVATE_KEY_FILE: cannot read/);
    expect(() => loadConfig({ ...base, ...full, WECHATPAY_NOTIFY_URL: 'https://example.com/notify?x=1' })).toThrow(/must not carry a query string/);
    expect(() => loadConfig({ ...base, ...full, PAYMENT_ORDER_TTL_MINUTES: '1' })).toThrow(/PAYMENT_ORDER_TTL_MINUTES/);
  });

  it('production boot refuses the simulator (config and the simulator itself)', async () => {
    const prod = { ...base, NODE_ENV: 'production', JWT_SECRET: randomBytes(48).toString('base64'), DATA_SECRET_KEY: randomBytes(48).toString('base64') };
    expect(() => loadConfig({ ...prod, WECHATPAY_SIMULATOR: 'true' })).toThrow(/WECHATPAY_SIMULATOR=true is refused when NODE_ENV=production/);
    expect(loadConfig(prod).wechatPaySimulator).toBe(false);
    const c = { ...loadConfig({ ...base }), nodeEnv: 'production' as const };
    await expect(startSimulator(c, Date.now, () => null)).rejects.toThrow(/never runs in production/);
  });
});
