import zhCN from './zh-CN';
import en from './en';
import { stocksMessages } from '../views/stocks/i18n';
import { stockDetailMessages } from '../views/stock-detail/i18n';

// Plain data with relative imports only: frontend-common's locale spec reads it too (zh-CN/en parity, keys in use).

/** Every message set of the member app, merged in this order over the shared one (see ./index.ts). */
export const userMessages = [{ 'zh-CN': zhCN, en }, stocksMessages, stockDetailMessages];
