import zhCN from './zh-CN';
import en from './en';
import { signalsMessages } from '../views/signals/i18n';
import { poolsMessages } from '../views/pools/i18n';

// Plain data with relative imports only: frontend-common's locale spec reads it too (zh-CN/en parity, keys in use).

/** Every message set of the admin panel, merged in this order over the shared one (see ./index.ts). */
export const adminMessages = [{ 'zh-CN': zhCN, en }, signalsMessages, poolsMessages];
