/**
 * Messages of the guest landing page, kept beside its view and merged into the
 * app's i18n (locales/messages.ts). zh-CN first; en mirrors it.
 */
const zhCN = {
  home: {
    title: '首页',
    headline: '每天收盘后，为您的专属股票给出买入 / 卖出 / 持有信号',
    lead: '智策从精选股票池中为每位会员分配一组专属股票，按会员等级决定数量；每个交易日收盘后，量化策略为这些股票给出信号，并附上 K 线图、信号依据和真实的历史胜率。',
    register: '免费注册',
    login: '登录',
    howTitle: '智策如何工作',
    points: {
      pool: { title: '专属股票', text: '注册即从当前股票池分配股票；升级会员可获得更多股票，股票池更换时自动重新分配。' },
      signals: { title: '每日信号', text: '每个交易日收盘后更新买入、卖出或持有信号，并用文字说明触发了哪些规则、信号强度是多少。' },
      record: { title: '可核验的记录', text: '所有信号发布后不可修改，按日写入哈希链；历史胜率与基准对比，好坏都公开。' },
    },
    levels: '查看会员等级与价格',
    riskTitle: '风险提示',
    risk: '智策是研究工具，所提供的信号与数据不构成投资建议，也不保证收益。历史表现不代表未来。股市有风险，投资需谨慎，请根据自身情况独立决策。',
  },
};

const en: typeof zhCN = {
  home: {
    title: 'Home',
    headline: 'Buy / Sell / Hold signals for your own stocks, every trading day after the close',
    lead: 'Zhice gives each member a personal set of stocks drawn from a curated pool — how many depends on the membership level. After every close a quantitative strategy issues a signal for each of them, with a candlestick chart, the reasons in words and its real track record.',
    register: 'Sign up free',
    login: 'Sign in',
    howTitle: 'How Zhice works',
    points: {
      pool: { title: 'Your own stocks', text: 'Stocks are allocated from the current pool when you sign up; a higher level gives you more, and a new pool re-allocates them automatically.' },
      signals: { title: 'Daily signals', text: 'Buy, sell or hold, updated after every trading day, with the rules that fired and the strength of the signal explained in words.' },
      record: { title: 'A record you can verify', text: 'Published signals are never changed and are chained by hash day by day; the hit rate is shown against a baseline, good or bad.' },
    },
    levels: 'See membership levels and prices',
    riskTitle: 'Risk notice',
    risk: 'Zhice is a research tool. Its signals and data are not investment advice and promise no return. Past performance does not predict the future. Investing involves risk: decide for yourself.',
  },
};

export const homeMessages = { 'zh-CN': zhCN, en };
