import zhCN from './zh-CN';
import en from './en';
import { authMessages } from '../views/auth/i18n';
import { homeMessages } from '../views/home/i18n';
import { messagesMessages } from '../views/messages/i18n';
import { accountMessages } from '../views/account/i18n';
import { vipMessages } from '../views/vip/i18n';
import { redeemMessages } from '../views/vip/redeem-i18n';
import { stocksMessages } from '../views/stocks/i18n';
import { stockDetailMessages } from '../views/stock-detail/i18n';
import { paymentsMessages } from '../views/payments/i18n';

// Plain data with relative imports only: frontend-common's locale spec reads it too (zh-CN/en parity, keys in use).
// A new area: add `views/<area>/i18n.ts` (zh-CN + en) and one line below.

/** Every message set of the member app, merged in this order over the shared one (see ./index.ts). */
export const userMessages = [
  { 'zh-CN': zhCN, en },
  authMessages,
  homeMessages,
  messagesMessages,
  accountMessages,
  vipMessages,
  redeemMessages,
  stocksMessages,
  stockDetailMessages,
  paymentsMessages,
];
