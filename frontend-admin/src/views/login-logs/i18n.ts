/**
 * Messages of the login log, kept beside its views and merged into the
 * app's i18n (locales/messages.ts). zh-CN first; en mirrors it.
 */
const zhCN = {
  menu: { loginLogs: '登录日志' },
  loginLogs: {
    title: '登录日志',
    username: '用户名',
    result: '结果',
    dateRange: '日期范围',
    startDate: '开始日期',
    endDate: '结束日期',
    at: '时间',
    ip: 'IP',
    userAgent: 'User-Agent',
    results: {
      success: '成功',
      bad_credentials: '密码错误',
      captcha_required: '需要验证码',
      captcha_invalid: '验证码错误',
      locked: '已锁定',
      disabled: '已停用',
    },
  },
};

const en: typeof zhCN = {
  menu: { loginLogs: 'Login log' },
  loginLogs: {
    title: 'Login log',
    username: 'Username',
    result: 'Result',
    dateRange: 'Date range',
    startDate: 'Start date',
    endDate: 'End date',
    at: 'Time',
    ip: 'IP',
    userAgent: 'User agent',
    results: {
      success: 'Success',
      bad_credentials: 'Wrong password',
      captcha_required: 'Captcha required',
      captcha_invalid: 'Wrong captcha',
      locked: 'Locked',
      disabled: 'Disabled',
    },
  },
};

export const loginLogsMessages = { 'zh-CN': zhCN, en };
