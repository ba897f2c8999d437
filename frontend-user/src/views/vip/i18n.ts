/**
 * Messages of the VIP levels page, kept beside its views and merged into the
 * app's i18n (locales/messages.ts). zh-CN first; en mirrors it.
 */
const zhCN = {
  vipPage: {
    title: '会员等级',
    subtitle: '每期 3 个月。等级越高，可获得的专属股票越多，每只股票每天都有买入 / 卖出 / 持有信号。',
    current: '您当前是 {name}',
    currentWithExpiry: '您当前是 {name}，有效期至 {date}',
    currentBadge: '当前等级',
    free: '免费',
    freeForAll: '注册即享',
    perTerm: '每 3 个月',
    monthly: '约 ¥{price} / 月',
    freeForever: '长期免费',
    stocks: '{n} 只股票',
    allStocks: '全部股票',
    quotaLabel: '专属股票',
    empty: '暂无可用的会员等级',
    footnote: '升级时，当前等级未使用部分的价值会按价格折算为新等级的时长；同级购买在原到期时间上顺延。',
    back: '返回我的账户',
    signUp: '注册账户',
  },
};

const en: typeof zhCN = {
  vipPage: {
    title: 'Membership levels',
    subtitle: 'Each term is 3 months. Higher levels give you more personal stocks, each with a daily Buy / Sell / Hold signal.',
    current: 'You are {name}',
    currentWithExpiry: 'You are {name}, valid until {date}',
    currentBadge: 'Your level',
    free: 'Free',
    freeForAll: 'Included on sign-up',
    perTerm: 'per 3 months',
    monthly: 'about ¥{price} / month',
    freeForever: 'Free for good',
    stocks: '{n} stocks',
    allStocks: 'All stocks',
    quotaLabel: 'personal stocks',
    empty: 'No membership levels available',
    footnote: 'When you upgrade, the unused value of your current level is converted by price into time at the new level; buying the same level extends it from the current expiry.',
    back: 'Back to my account',
    signUp: 'Sign up',
  },
};

export const vipMessages = { 'zh-CN': zhCN, en };
