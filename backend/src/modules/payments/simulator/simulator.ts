import type { AppConfig } from '../../../config/config.js';
import type { PaymentsRuntime } from '../payments.runtime.js';
import { WechatPayHttpClient } from '../wechatpay/wechatpay-http.client.js';
import { generateMerchant, WechatPayFake } from './wechatpay-fake.js';

/**
 * The dev simulator (`WECHATPAY_SIMULATOR=true`, never in production — config refuses it): the
 * protocol-faithful fake WeChat Pay server runs inside the dev process on a loopback port with a
 * generated merchant, and our real client talks to it over HTTP, signatures and all. Callbacks go
 * to this process's own notify route. Loaded (dynamic import) only when the simulator is on.
 */
export async function startSimulator(config: AppConfig, now: () => number, ownNotifyUrl: () => string | null): Promise<PaymentsRuntime> {
  if (config.nodeEnv === 'production') throw new Error('the WeChat Pay simulator never runs in production');
  const merchant = generateMerchant('1900000001', 'wxzhicesimulator01');
  const fake = new WechatPayFake({
    mchid: merchant.mchid,
    appid: merchant.appid,
    merchantSerial: merchant.merchantSerial,
    merchantPublicKey: merchant.merchantPublicKey,
    apiV3Key: merchant.apiV3Key,
    now,
    retryMsPerSecond: 100,
    deliverTo: ownNotifyUrl,
  });
  const baseUrl = await fake.start();
  const verifyKeys = fake.verifyKeys();
  return {
    gateway: new WechatPayHttpClient({
      baseUrl,
      mchid: merchant.mchid,
      appid: merchant.appid,
      merchantSerial: merchant.merchantSerial,
      merchantPrivateKey: merchant.privateKey,
      verifyKeys,
      preferredSerial: fake.publicKeyId,
      now,
    }),
    mchid: merchant.mchid,
    appid: merchant.appid,
    apiV3Key: merchant.apiV3Key,
    notifyUrl: `${config.publicUrl}/api/v1/payments/wechat/notify`,
    verifyKeys,
    simulator: {
      pay: (outTradeNo) => {
        fake.pay(outTradeNo);
      },
      close: () => fake.close(),
    },
  };
}
