/**
 * The fake WeChat Pay server lives in the product tree (src/modules/payments/simulator/) because the
 * dev simulator runs it too; tests import it from here.
 */
export { generateMerchant, WechatPayFake, WECHAT_RETRY_SCHEDULE_SEC } from '../../src/modules/payments/simulator/wechatpay-fake.js';
export type { Delivery, FakeRefund, FakeTransaction } from '../../src/modules/payments/simulator/wechatpay-fake.js';
