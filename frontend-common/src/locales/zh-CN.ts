/**
 * Messages both SPAs show the same way (the parts shared code needs, the login form, account rules,
 * error pages …). Each app merges its own messages over these (see createSpaI18n), so an app adds
 * keys and may override any of these. zh-CN first; en mirrors it.
 */
const zhCN = {
  app: {
    brand: '智策 Zhice',
    language: '语言',
  },
  common: {
    retry: '重试',
    refresh: '刷新',
    loading: '加载中…',
    empty: '暂无数据',
    loadFailed: '加载失败',
    none: '—',
    unlimited: '不限',
    backHome: '返回首页',
  },
  errors: {
    network: '网络异常，请检查网络后重试',
    timeout: '请求超时，请稍后重试',
    unknown: '发生未知错误',
    sessionExpired: '登录已过期，请重新登录',
  },
  /** the login form (components/LoginForm.vue, auth/loginForm.ts); each app adds its title and subtitle */
  login: {
    username: '用户名或邮箱',
    password: '密码',
    captcha: '验证码',
    captchaPlaceholder: '请输入图中字符',
    captchaRefresh: '看不清？点击图片换一张',
    captchaRequired: '请输入验证码',
    submit: '登录',
    usernameRequired: '请输入用户名或邮箱',
    passwordRequired: '请输入密码',
    locked: '账户已被锁定，请在 {time} 之后再试',
    lockedNoTime: '账户已被临时锁定，请稍后再试',
    /** each app overrides it with whom to contact */
    disabled: '该账户已被停用',
    success: '登录成功',
  },
  /** client-side mirrors of the server's account rules (member sign-up, admin user forms) */
  accountRules: {
    usernameHint: '3–32 位字母、数字或下划线',
    usernameRequired: '请输入用户名',
    usernameFormat: '用户名须为 3–32 位字母、数字或下划线',
    passwordHint: '至少 8 位，不能全是数字',
    passwordRequired: '请输入密码',
    passwordWeak: '密码至少 8 位，且不能全是数字',
    emailFormat: '邮箱格式不正确',
  },
  /** default level names (stores/vipLevels.ts) until the configured ones load */
  vip: {
    level0: '免费用户',
    level1: 'VIP1',
    level2: 'VIP2',
    level3: 'VIP3',
    level4: 'SVIP',
    levelN: 'VIP{n}',
    /** the product's default level descriptions (a level still carrying one shows it in the UI language) */
    desc0: '免费体验，5 只股票',
    desc1: '10 只股票',
    desc2: '20 只股票',
    desc3: '50 只股票',
    desc4: '股票池全部股票',
  },
  /** strategy descriptions by id (the API's are English) */
  strategies: {
    cho: '蔡金震荡指标（Wind / 通达信 CHO）：CHO 上升时买入，下降时卖出',
    ma_cross: '快慢均线交叉：金叉买入，死叉卖出',
    macd_cross: 'MACD 的 DIF 与 DEA 交叉：金叉买入，死叉卖出',
    rsi_bands: 'RSI 区间：低于超卖线买入，高于超买线卖出',
    boll_break: '布林带突破：收盘价突破上轨买入，跌破下轨卖出',
    volume_confirm: '量价确认：放量上涨买入，放量下跌卖出',
    composite: '综合策略：其他策略得分的加权平均，高于阈值买入、低于阈值卖出',
  },
  /** components/ErrorPage.vue */
  /** components/ChangePasswordView.vue (forced after an account was created or reset by someone else) */
  changePassword: {
    title: '修改密码',
    forced: '此账户的密码由他人设置，请先设置您自己的密码，之后才能使用其他页面。',
    current: '当前密码',
    next: '新密码',
    confirm: '确认新密码',
    currentRequired: '请输入当前密码',
    confirmMismatch: '两次输入的新密码不一致',
    sameAsCurrent: '新密码不能与当前密码相同',
    submit: '保存新密码',
    done: '密码已修改，其他设备上的登录已退出',
    signOut: '退出登录',
    back: '返回',
  },
  pages: {
    notFoundTitle: '404 页面不存在',
    notFoundText: '您访问的页面不存在或已被移除。',
    forbiddenTitle: '403 无权访问',
    forbiddenText: '您没有访问此页面的权限。',
  },
};

export type SharedMessages = typeof zhCN;
export default zhCN;
