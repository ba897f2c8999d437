/**
 * Messages of the messages page, kept beside its view and merged into the
 * app's i18n (locales/messages.ts). zh-CN first; en mirrors it.
 */
const zhCN = {
  messages: {
    title: '消息',
    toStocks: '查看我的股票',
    toVip: '查看会员等级',
    kinds: {
      signals: { title: '{date} 的信号已发布', text: '您的股票中 {buy} 只买入、{sell} 只卖出、{hold} 只持有。' },
      expiry: { title: '会员即将到期', text: '您的会员将在 {n} 天后到期，到期后专属股票数量将恢复为免费等级。' },
      expired: { title: '会员已到期', text: '您的会员已到期，专属股票数量已恢复为免费等级。' },
      welcome: { title: '欢迎使用智策', text: '信号每个交易日收盘后更新。信号仅供研究参考，不构成投资建议。' },
    },
  },
};

const en: typeof zhCN = {
  messages: {
    title: 'Messages',
    toStocks: 'Open my stocks',
    toVip: 'See membership levels',
    kinds: {
      signals: { title: 'Signals for {date} are out', text: 'Of your stocks, {buy} say buy, {sell} sell and {hold} hold.' },
      expiry: { title: 'Your membership ends soon', text: 'Your membership ends in {n} days; after that you keep the free level’s number of stocks.' },
      expired: { title: 'Your membership has ended', text: 'Your membership has ended; you now have the free level’s number of stocks.' },
      welcome: { title: 'Welcome to Zhice', text: 'Signals are updated after every trading day. They are for research only and are not investment advice.' },
    },
  },
};

export const messagesMessages = { 'zh-CN': zhCN, en };
