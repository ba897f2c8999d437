/**
 * Messages of the "my stocks" page, kept beside its views and merged into the
 * app's i18n (locales/messages.ts). zh-CN first; en mirrors it.
 */
const zhCN = {
  nav: { myStocks: '我的股票' },
  myStocks: {
    title: '我的股票',
    subtitle: '从当前股票池为您分配的股票，共 {n} 只',
    code: '代码',
    name: '名称',
    allocatedAt: '分配时间',
    latestSignal: '最新信号',
    noSignal: '暂无信号',
    score: '强度 {score}',
    tradeDate: '{date}',
    detail: '详情',
    empty: '暂无分配的股票',
    emptyHint: '股票池启用后会自动为您分配；升级会员可获得更多股票。',
    upgrade: '查看会员等级',
    disclaimer: '信号仅供研究参考，不构成投资建议。',
    search: '搜索名称或代码',
    sortBy: '排序方式',
    sorts: { signal: '按信号（买入优先）', strength: '按强度', change: '按涨跌幅', code: '按代码' },
    change: '涨跌幅',
    noChange: '—',
    noMatch: '没有匹配的股票',
    stale: '非最新',
    staleHint: '该股票的最新信号早于其他股票（可能停牌或数据延迟）',
    demo: '演示数据',
    demoHint: '该股票的行情为合成的演示数据，信号仅用于体验功能',
  },
};

const en: typeof zhCN = {
  nav: { myStocks: 'My stocks' },
  myStocks: {
    title: 'My stocks',
    subtitle: '{n} stocks allocated to you from the current pool',
    code: 'Code',
    name: 'Name',
    allocatedAt: 'Allocated',
    latestSignal: 'Latest signal',
    noSignal: 'No signal yet',
    score: 'score {score}',
    tradeDate: '{date}',
    detail: 'Details',
    empty: 'No stocks allocated yet',
    emptyHint: 'Stocks are allocated automatically once a pool is active; a higher level gives you more.',
    upgrade: 'See membership levels',
    disclaimer: 'Signals are for research only and are not investment advice.',
    search: 'Search name or code',
    sortBy: 'Sort by',
    sorts: { signal: 'Signal (buy first)', strength: 'Strength', change: 'Change', code: 'Code' },
    change: 'Change',
    noChange: '—',
    noMatch: 'No stock matches',
    stale: 'Not current',
    staleHint: 'This stock’s latest signal is older than the others’ (suspended or data late)',
    demo: 'Demo data',
    demoHint: 'Prices of this stock are synthetic demo data; its signals are for trying the product only',
  },
};

export const stocksMessages = { 'zh-CN': zhCN, en };
