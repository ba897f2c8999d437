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
  CARD_KEY_NOT_FOUND: { zh: '卡密不存在', en: 'Card key not found' },
  CARD_KEY_USED: { zh: '该卡密已被使用', en: 'This card key has already been used' },
  CARD_KEY_VOID: { zh: '该卡密已作废', en: 'This card key has been voided' },
  CARD_KEY_EXPIRED: { zh: '该卡密已过兑换期限', en: 'This card key can no longer be redeemed' },
  CARD_REDEEM_LOCKED: { zh: '卡密输入错误次数过多，请稍后再试', en: 'Too many wrong card keys; please try again later' },
  CARD_BATCH_NOT_FOUND: { zh: '卡密批次不存在', en: 'Card batch not found' },
  CARD_BATCH_NOT_READY: { zh: '卡密批次仍在生成中', en: 'The card batch is still being generated' },
  CARD_BATCH_INVALID: { zh: '卡密批次参数不正确', en: 'The card batch request is not valid' },
  CARD_PROJECT_NOT_FOUND: { zh: '项目不存在', en: 'Project not found' },
  CARD_PROJECT_NAME_TAKEN: { zh: '项目名称已存在', en: 'A project with this name exists' },
  CARD_PROJECT_DISABLED: { zh: '项目已停用', en: 'The project is disabled' },
  CARD_PROJECT_NOT_AUTHORIZED: { zh: '未获得该项目授权或授权已过期', en: 'Not authorised for this project (or the authorisation expired)' },
  CARD_APPLICATION_NOT_FOUND: { zh: '申请不存在', en: 'Application not found' },
  CARD_APPLICATION_DECIDED: { zh: '该申请已处理', en: 'The application was already decided' },
  CARD_APPLICATION_PENDING: { zh: '已有待审核的申请', en: 'An application is already pending' },
  CARD_KEY_NOT_BOUND: { zh: '该卡密未绑定设备或不可解绑（仅限已使用且未过期的卡密）', en: 'Only a used, unexpired key bound to a device can be unbound' },
  CARD_KEY_UNBIND_COOLDOWN: { zh: '解绑过于频繁，请在冷却期后再试', en: 'This key was unbound recently; try again after the cooldown' },
  OPEN_API_SIGNATURE_INVALID: { zh: '签名无效', en: 'Invalid signature' },
  OPEN_API_RATE_LIMITED: { zh: '调用过于频繁，已被临时封禁', en: 'Too many calls; temporarily banned' },
  OPEN_API_PROJECT_DISABLED: { zh: '项目已停用', en: 'The project is disabled' },
  USER_NOT_FOUND: { zh: '用户不存在', en: 'User not found' },
  VIP_LEVEL_NOT_FOUND: { zh: 'VIP 等级不存在', en: 'VIP level not found' },
  VIP_LEVEL_DISABLED: { zh: '该 VIP 等级已停用', en: 'This VIP level is disabled' },
  VIP_INVALID_GRANT: { zh: '无法授予该会员（等级或时长无效）', en: 'This grant is not valid (level or months)' },
  AGENT_NOT_FOUND: { zh: '代理不存在', en: 'Agent not found' },
  AGENT_PARENT_INVALID: { zh: '上级代理无效', en: 'The parent agent is not valid' },
  AGENT_MOVE_CYCLE: { zh: '不能把代理移到其自身或其下级之下', en: 'An agent cannot be moved under itself or its own sub-agents' },
  AGENT_TOO_DEEP: { zh: '代理层级过深', en: 'The agent hierarchy is too deep' },
  LEDGER_INSUFFICIENT_FUNDS: { zh: '可用额度不足', en: 'Insufficient available quota' },
  LEDGER_AMOUNT_TOO_SMALL: { zh: '金额低于最小限额', en: 'The amount is below the minimum' },
  LEDGER_SELF_TRANSFER: { zh: '不能转账给自己', en: 'You cannot transfer to yourself' },
  LEDGER_INVALID_TRANSFER: { zh: '无效的额度操作', en: 'This ledger operation is not valid' },
  LEDGER_TRANSFER_NOT_FOUND: { zh: '额度记录不存在', en: 'Transfer not found' },
  LEDGER_TRANSFER_NOT_PENDING: { zh: '该笔额度操作已处理', en: 'This transfer is no longer pending' },
  LEDGER_ALREADY_REVERSED: { zh: '该笔额度操作已冲正', en: 'This transfer was already reversed' },
  WITHDRAWAL_NOT_FOUND: { zh: '提现申请不存在', en: 'Withdrawal not found' },
  WITHDRAWAL_ALREADY_DECIDED: { zh: '该提现申请已处理', en: 'This withdrawal was already decided' },
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
