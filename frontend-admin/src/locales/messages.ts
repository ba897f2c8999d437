import zhCN from './zh-CN';
import en from './en';
import { dashboardMessages } from '../views/dashboard/i18n';
import { usersMessages } from '../views/users/i18n';
import { loginLogsMessages } from '../views/login-logs/i18n';
import { outboxMessages } from '../views/outbox/i18n';
import { vipLevelsMessages } from '../views/vip-levels/i18n';
import { operationLogsMessages } from '../views/operation-logs/i18n';
import { dataSourcesMessages } from '../views/data-sources/i18n';
import { signalsMessages } from '../views/signals/i18n';
import { poolsMessages } from '../views/pools/i18n';
import { paymentsMessages } from '../views/payments/i18n';
import { ledgerMessages } from '../views/ledger/i18n';
import { cardKeysMessages } from '../views/card-keys/i18n';

// Plain data with relative imports only: frontend-common's locale spec reads it too (zh-CN/en parity, keys in use).
// A new area: add `views/<area>/i18n.ts` (zh-CN + en, menu title under `menu.<key>`) and one line below.

/** Every message set of the admin panel, merged in this order over the shared one (see ./index.ts). */
export const adminMessages = [
  { 'zh-CN': zhCN, en },
  dashboardMessages,
  usersMessages,
  loginLogsMessages,
  outboxMessages,
  vipLevelsMessages,
  operationLogsMessages,
  dataSourcesMessages,
  signalsMessages,
  poolsMessages,
  paymentsMessages,
  ledgerMessages,
  cardKeysMessages,
];
