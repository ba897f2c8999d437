/**
 * The member app's messages, merged over the ones both apps share (frontend-common/src/locales):
 * only the keys the whole app uses (app, common, nav, signalActions). Every area keeps its own messages
 * beside its views in `views/<area>/i18n.ts`; ./messages.ts lists them all. en mirrors zh-CN.
 */
const zhCN = {
  app: {
    disclaimer: '智策是研究工具，所提供的信号与数据不构成投资建议。投资有风险，入市需谨慎。',
  },
  common: {
    toLogin: '去登录',
  },
  nav: {
    sections: '主导航',
    vip: '会员',
    messages: '消息',
    mine: '我的',
    account: '我的账户',
    login: '登录',
    register: '注册',
    logout: '退出',
    loggedOut: '已退出登录',
  },
  /** a signal's action, as "my stocks" and the stock detail page show it */
  signalActions: { BUY: '买入', SELL: '卖出', HOLD: '持有' },
};

export type MessageSchema = typeof zhCN;
export default zhCN;
