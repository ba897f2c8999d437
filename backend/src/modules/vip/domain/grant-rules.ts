/**
 * Grant rules (product §2) as one pure function. Every VIP change — payment, card key, admin — is a
 * grant of `months` at `level`; `planGrant` decides what it does to the member's subscription.
 *
 *   no paid level in force (never, expired, or level 0)  → 'new':     startsAt = now,
 *                                                           expiresAt = now + months
 *   same level in force                                   → 'extend':  startsAt = old expiry,
 *                                                           expiresAt = old expiry + months
 *                                                           (old expiry > now here, so this is
 *                                                           "the later of now and the expiry")
 *   higher level than the one in force                    → 'upgrade': startsAt = now,
 *                                                           expiresAt = (now + months) + convertedMs
 *   lower level than the one in force                     → refused VIP_DOWNGRADE_NOT_ALLOWED
 *
 * "+ months" is calendar months on the Asia/Shanghai wall clock with end-of-month clamping
 * (addMonthsShanghai: Jan 31 + 1 month = Feb 28/29, same time of day).
 *
 * Upgrade conversion (exact integer arithmetic, BigInt):
 *   remainingMs    = oldExpiresAt − now                                  (> 0, the level is active)
 *   unusedValueFen = remainingMs / TERM_MS × oldPriceFen                  (TERM_MS = 90 days)
 *   convertedMs    = unusedValueFen / newPriceFen × TERM_MS
 *                  = remainingMs × oldPriceFen / newPriceFen              (the term cancels out)
 *   rounded DOWN to whole seconds: convertedMs = floor(remainingMs × oldPrice / (newPrice × 1000)) × 1000
 *   Reported for people: convertedValueFen = floor(remainingMs × oldPrice / TERM_MS),
 *                        convertedDays = floor(convertedMs / 86,400,000 × 100) / 100.
 *   Old price 0 → convertedMs 0 (nothing paid, nothing to convert). New price 0 with an old price > 0
 *   → refused VIP_INVALID_GRANT (UNPRICED_TARGET): the value cannot be priced into that level.
 *
 * Refused with VIP_INVALID_GRANT: months not an integer in 1…36, level 0 or not an integer, a level
 * missing from `levelPrices`, a negative price, an active level missing from `levelPrices`.
 * (Whether a disabled level may be granted is the service's call — VIP_LEVEL_DISABLED.)
 *
 * How to store the result: set level and expires_at; set starts_at = startsAt for 'new' and 'upgrade',
 * keep the existing starts_at for 'extend' (startsAt there is where the added months begin). The grant
 * record gets previousLevel/previousExpiresAt ("expiry before") and expiresAt ("expiry after").
 */
import { addMonthsShanghai, DAY_MS } from '@zhice/shared';
import { FREE_LEVEL, isActive } from './vip-levels.js';

export const GRANT_MONTHS_MIN = 1;
export const GRANT_MONTHS_MAX = 36;
/** The price term for conversion: 3 months, counted as exactly 90 days. */
export const TERM_MS = 90 * DAY_MS;

export interface GrantInput {
  current: { level: number; expiresAt: Date | null } | null;
  /** level → price of one 3-month term in fen */
  levelPrices: ReadonlyMap<number, number>;
  grant: { level: number; months: number };
  now: Date;
}

export interface GrantPlan {
  kind: 'new' | 'extend' | 'upgrade';
  level: number;
  /** 'new'/'upgrade': now. 'extend': the old expiry (start of the added months). */
  startsAt: Date;
  expiresAt: Date;
  /** Effective level before the grant (0 when nothing was active). */
  previousLevel: number;
  /** The stored expiry before the grant, as given (may be in the past). */
  previousExpiresAt: Date | null;
  /** Extra time from converting the old level's unused value; 0 unless 'upgrade'. Whole seconds. */
  convertedMs: number;
  /** convertedMs in days, floored to 2 decimals (display only). */
  convertedDays: number;
  /** Unused value of the old level in fen, floored (display only). */
  convertedValueFen: number;
}

export type GrantRefusalCode = 'VIP_DOWNGRADE_NOT_ALLOWED' | 'VIP_INVALID_GRANT';
export type GrantRefusalReason =
  | 'MONTHS_OUT_OF_RANGE'
  | 'FREE_LEVEL'
  | 'UNKNOWN_LEVEL'
  | 'NEGATIVE_PRICE'
  | 'UNKNOWN_CURRENT_LEVEL'
  | 'UNPRICED_TARGET'
  | 'LOWER_THAN_ACTIVE';

export interface GrantRefusal {
  kind: 'refused';
  code: GrantRefusalCode;
  reason: GrantRefusalReason;
  message: string;
}

export type GrantOutcome = GrantPlan | GrantRefusal;

function refuse(code: GrantRefusalCode, reason: GrantRefusalReason, message: string): GrantRefusal {
  return { kind: 'refused', code, reason, message };
}

export function planGrant(input: GrantInput): GrantOutcome {
  const { current, levelPrices, grant, now } = input;
  const { level, months } = grant;

  if (!Number.isInteger(months) || months < GRANT_MONTHS_MIN || months > GRANT_MONTHS_MAX) {
    return refuse('VIP_INVALID_GRANT', 'MONTHS_OUT_OF_RANGE', `月数必须是 ${GRANT_MONTHS_MIN}–${GRANT_MONTHS_MAX} 的整数`);
  }
  if (!Number.isInteger(level)) return refuse('VIP_INVALID_GRANT', 'UNKNOWN_LEVEL', `等级 ${level} 不存在`);
  if (level <= FREE_LEVEL) return refuse('VIP_INVALID_GRANT', 'FREE_LEVEL', '不能授予免费等级');
  const newPrice = levelPrices.get(level);
  if (newPrice === undefined) return refuse('VIP_INVALID_GRANT', 'UNKNOWN_LEVEL', `等级 ${level} 不存在`);
  if (newPrice < 0) return refuse('VIP_INVALID_GRANT', 'NEGATIVE_PRICE', `等级 ${level} 的价格无效`);

  const previousExpiresAt = current?.expiresAt ?? null;
  const base = { level, previousExpiresAt, convertedMs: 0, convertedDays: 0, convertedValueFen: 0 };

  if (!isActive(current, now)) {
    return { kind: 'new', ...base, previousLevel: FREE_LEVEL, startsAt: now, expiresAt: addMonthsShanghai(now, months) };
  }
  const active = current;
  if (level === active.level) {
    return {
      kind: 'extend',
      ...base,
      previousLevel: active.level,
      startsAt: active.expiresAt,
      expiresAt: addMonthsShanghai(active.expiresAt, months),
    };
  }
  if (level < active.level) {
    return refuse(
      'VIP_DOWNGRADE_NOT_ALLOWED',
      'LOWER_THAN_ACTIVE',
      `当前等级 ${active.level} 在有效期内，不能降级为 ${level}`,
    );
  }

  const oldPrice = levelPrices.get(active.level);
  if (oldPrice === undefined) {
    return refuse('VIP_INVALID_GRANT', 'UNKNOWN_CURRENT_LEVEL', `当前等级 ${active.level} 没有价格配置`);
  }
  if (oldPrice < 0) return refuse('VIP_INVALID_GRANT', 'NEGATIVE_PRICE', `等级 ${active.level} 的价格无效`);

  const remainingMs = BigInt(active.expiresAt.getTime() - now.getTime());
  let convertedMs = 0;
  let convertedValueFen = 0;
  if (oldPrice > 0) {
    if (newPrice === 0) {
      return refuse('VIP_INVALID_GRANT', 'UNPRICED_TARGET', `等级 ${level} 价格为 0，无法折算当前等级的剩余价值`);
    }
    const num = remainingMs * BigInt(oldPrice);
    convertedMs = Number((num / (BigInt(newPrice) * 1000n)) * 1000n);
    convertedValueFen = Number(num / BigInt(TERM_MS));
  }
  return {
    kind: 'upgrade',
    ...base,
    previousLevel: active.level,
    startsAt: now,
    expiresAt: new Date(addMonthsShanghai(now, months).getTime() + convertedMs),
    convertedMs,
    convertedDays: Math.floor((convertedMs * 100) / DAY_MS) / 100,
    convertedValueFen,
  };
}
