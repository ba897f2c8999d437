/**
 * Messages of the dashboard, kept beside its views and merged into the
 * app's i18n (locales/messages.ts). zh-CN first; en mirrors it.
 */
const zhCN = {
  menu: { dashboard: '仪表盘' },
  dashboard: {
    welcome: '欢迎回来，{name}',
    welcomeHint: '今天是 {date}（北京时间）',
    health: '系统状态',
    healthOk: '运行正常',
    healthDegraded: '部分服务异常',
    db: '数据库',
    queue: '任务队列',
    queueBackend: '队列后端',
    up: '正常',
    down: '异常',
    membersByLevel: '会员等级分布',
    members: '人数',
    noMembers: '暂无会员',
    figures: {
      members: '会员总数',
      newToday: '今日新增会员',
      activePool: '启用中的股票池',
      stocks: '{n} 只股票',
      lastRun: '最近一次信号运行',
      freshness: '最新信号交易日',
      freshnessHint: '已发布信号的最新交易日',
      none: '暂无',
    },
  },
};

const en: typeof zhCN = {
  menu: { dashboard: 'Dashboard' },
  dashboard: {
    welcome: 'Welcome back, {name}',
    welcomeHint: 'Today is {date} (Beijing time)',
    health: 'System health',
    healthOk: 'All systems normal',
    healthDegraded: 'Some services are down',
    db: 'Database',
    queue: 'Job queue',
    queueBackend: 'Queue backend',
    up: 'Up',
    down: 'Down',
    membersByLevel: 'Members by VIP level',
    members: 'Members',
    noMembers: 'No members yet',
    figures: {
      members: 'Members',
      newToday: 'New members today',
      activePool: 'Active stock pool',
      stocks: '{n} stocks',
      lastRun: 'Last signal run',
      freshness: 'Latest signal day',
      freshnessHint: 'Latest trading day with published signals',
      none: 'None',
    },
  },
};

export const dashboardMessages = { 'zh-CN': zhCN, en };
