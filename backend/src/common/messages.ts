import type { ErrorCode } from '@zhice/shared';

/**
 * People-facing messages per error code. The filter picks zh-CN or en from Accept-Language; a
 * code without an entry keeps the message the thrower wrote (which may carry specifics).
 */
const MESSAGES: Partial<Record<ErrorCode, { zh: string; en: string }>> = {
  VALIDATION_FAILED: { zh: '请求参数不正确', en: 'The request is not valid' },
  MALFORMED_JSON: { zh: '请求体不是合法的 JSON', en: 'The request body is not valid JSON' },
  PAYLOAD_TOO_LARGE: { zh: '请求体过大（上限 1 MB）', en: 'The request body is too large (limit 1 MB)' },
  UNAUTHORIZED: { zh: '请先登录', en: 'Please sign in' },
  FORBIDDEN: { zh: '没有权限执行此操作', en: 'You are not allowed to do this' },
  NOT_FOUND: { zh: '资源不存在', en: 'Not found' },
  RATE_LIMITED: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests, please try again later' },
  INTERNAL_ERROR: { zh: '服务器内部错误', en: 'Internal server error' },
  AUTH_INVALID_CREDENTIALS: { zh: '用户名或密码错误', en: 'Wrong username or password' },
  AUTH_CAPTCHA_REQUIRED: { zh: '请输入验证码', en: 'Please enter the captcha' },
  AUTH_CAPTCHA_INVALID: { zh: '验证码错误或已过期', en: 'The captcha is wrong or expired' },
  AUTH_LOCKED: { zh: '账户已被临时锁定，请 15 分钟后再试', en: 'The account is locked for 15 minutes' },
  AUTH_TOKEN_INVALID: { zh: '登录凭证无效，请重新登录', en: 'Invalid token, please sign in again' },
  AUTH_TOKEN_EXPIRED: { zh: '登录已过期', en: 'The session has expired' },
  AUTH_REFRESH_REUSED: { zh: '登录凭证已被使用，请重新登录', en: 'This refresh token was already used; please sign in again' },
  AUTH_ACCOUNT_DISABLED: { zh: '账户已被禁用', en: 'The account is disabled' },
  AUTH_USERNAME_TAKEN: { zh: '用户名已被占用', en: 'The username is taken' },
  AUTH_EMAIL_TAKEN: { zh: '该邮箱已被使用', en: 'The e-mail address is already in use' },
  AUTH_WEAK_PASSWORD: { zh: '密码至少 8 位且不能全为数字', en: 'The password needs at least 8 characters and not only digits' },
  AUTH_LINK_INVALID: { zh: '链接无效', en: 'The link is not valid' },
  AUTH_LINK_EXPIRED: { zh: '链接已过期', en: 'The link has expired' },
  AUTH_LINK_USED: { zh: '链接已被使用', en: 'The link was already used' },
  AUTH_EMAIL_REQUIRED: { zh: '请先填写邮箱', en: 'Please add an e-mail address first' },
  RISK_ACK_REQUIRED: { zh: '请先阅读并确认风险提示', en: 'Please read and accept the risk disclosure' },
  PAYMENTS_DISABLED: { zh: '在线支付暂未开通，请使用卡密兑换会员', en: 'Online payment is not open; please redeem a card key instead' },
  PAYMENT_ORDER_NOT_FOUND: { zh: '订单不存在', en: 'Order not found' },
  PAYMENT_LEVEL_NOT_FOR_SALE: { zh: '该会员等级暂不可购买', en: 'This membership level is not for sale' },
  PAYMENT_GATEWAY_ERROR: { zh: '微信支付暂时无法响应，请稍后再试', en: 'WeChat Pay is not answering right now; please try again shortly' },
  PAYMENT_NOT_REFUNDABLE: { zh: '该订单当前不能退款', en: 'This order cannot be refunded now' },
  PAYMENT_REFUND_EXCEEDS_PAID: { zh: '退款总额不能超过实付金额', en: 'Refunds cannot exceed the amount paid' },
  PAYMENT_ORDER_NOT_PENDING: { zh: '订单已不在待支付状态', en: 'The order is no longer pending' },
  USER_NOT_FOUND: { zh: '用户不存在', en: 'User not found' },
  VIP_LEVEL_NOT_FOUND: { zh: 'VIP 等级不存在', en: 'VIP level not found' },
  VIP_LEVEL_DISABLED: { zh: '该 VIP 等级已停用', en: 'This VIP level is disabled' },
  VIP_INVALID_GRANT: { zh: '无法授予该会员（等级或时长无效）', en: 'This grant is not valid (level or months)' },
  POOL_NOT_FOUND: { zh: '股票池不存在', en: 'Stock pool not found' },
  POOL_NOT_DRAFT: { zh: '只有草稿状态的股票池可以修改', en: 'Only draft pools can be changed' },
  POOL_INVALID_CODES: { zh: '股票代码有误，请查看明细中的行号和原因', en: 'Some codes are invalid; see the lines and reasons in the details' },
  NO_ACTIVE_POOL: { zh: '当前没有启用的股票池', en: 'There is no active stock pool' },
  VIP_DOWNGRADE_NOT_ALLOWED: { zh: '当前有更高等级的会员在有效期内，不能降级', en: 'A higher level is still active; downgrading is not allowed' },
  STOCK_NOT_OWNED: { zh: '只能查看自己持有的股票', en: 'You can only see stocks you hold' },
  SIGNAL_RUN_NOT_FOUND: { zh: '信号运行记录不存在', en: 'Signal run not found' },
  STRATEGY_NOT_FOUND: { zh: '策略不存在', en: 'Unknown strategy' },
  STOCK_NOT_FOUND: { zh: '股票不存在', en: 'Unknown stock' },
  DATA_SOURCE_NOT_FOUND: { zh: '数据源不存在', en: 'No such data source' },
  IDEMPOTENCY_KEY_REUSED: { zh: '该幂等键已用于另一个请求', en: 'This idempotency key was already used for a different request' },
  UNSUPPORTED_MEDIA_TYPE: { zh: '请求体类型不受支持，请使用 application/json', en: 'Unsupported content type; send application/json' },
  BODY_NOT_ALLOWED: { zh: '此接口不接受请求体', en: 'This route takes no request body' },
  JSON_TOO_DEEP: { zh: '请求体嵌套层级过深', en: 'The request body is nested too deeply' },
  DB_UNAVAILABLE: { zh: '数据库暂时不可用，请稍后再试', en: 'The database is unavailable; please try again shortly' },
  AUTH_SESSION_REVOKED: { zh: '登录已失效，请重新登录', en: 'This session has ended; please sign in again' },
  AUTH_CURRENT_PASSWORD_WRONG: { zh: '当前密码不正确', en: 'The current password is wrong' },
  PASSWORD_CHANGE_REQUIRED: { zh: '请先修改初始密码', en: 'Please change your initial password first' },
};

export function localizedMessage(code: string, fallback: string, acceptLanguage: string | undefined): string {
  const entry = MESSAGES[code as ErrorCode];
  if (!entry) return fallback;
  return prefersEnglish(acceptLanguage) ? entry.en : entry.zh;
}

export function prefersEnglish(acceptLanguage: string | undefined): boolean {
  if (!acceptLanguage) return false;
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en');
}
