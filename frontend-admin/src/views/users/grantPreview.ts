import type { UserDto, VipLevelPublic } from '@zhice/shared';
import { addMonthsShanghai, DAY_MS, VIP_GRANT_MONTHS_MAX, VIP_GRANT_MONTHS_MIN } from '@zhice/shared';
import type { ApiError } from '@/api/errors';

/**
 * What a VIP grant will do, computed in the browser so the admin sees it before submitting.
 * Mirrors the server's grant rules (product §2; backend vip/domain/grant-rules.ts); the server
 * decides, this only explains:
 *   nothing paid active → new (now + months) · same level → extend (old expiry + months)
 *   higher level → upgrade now, the old level's unused value converted pro rata by price into time
 *   lower level while a higher one is active → refused.
 */

export { addMonthsShanghai, DAY_MS };
/** the price term for conversion: 3 months counted as exactly 90 days */
const TERM_MS = 90 * DAY_MS;

/** The member's paid level in force, or null (free, never subscribed, or expired). */
export interface ActiveLevel {
  level: number;
  expiresAt: Date;
}

/** From a user as the API returns it (`vipLevel` is already the effective level). */
export function activeLevelOf(user: Pick<UserDto, 'vipLevel' | 'vipExpiresAt'>, now: Date = new Date()): ActiveLevel | null {
  if (user.vipLevel <= 0 || !user.vipExpiresAt) return null;
  const expiresAt = new Date(user.vipExpiresAt);
  return expiresAt.getTime() > now.getTime() ? { level: user.vipLevel, expiresAt } : null;
}

export type GrantLevel = Pick<VipLevelPublic, 'level' | 'name' | 'priceFen' | 'enabled'>;

export type RefusalReason = 'LOWER_THAN_ACTIVE' | 'UNPRICED_TARGET' | 'LEVEL_DISABLED' | 'UNKNOWN_LEVEL' | 'MONTHS_OUT_OF_RANGE';

export type GrantPreview =
  | { kind: 'incomplete' }
  | { kind: 'new'; level: number; expiresAt: Date }
  | { kind: 'extend'; level: number; expiresBefore: Date; expiresAt: Date }
  | {
      kind: 'upgrade';
      level: number;
      fromLevel: number;
      expiresBefore: Date;
      expiresAt: Date;
      /** whole seconds, as the server rounds */
      convertedMs: number;
      /** floored to 2 decimals */
      convertedDays: number;
      /** unused value of the old level in fen, floored */
      convertedValueFen: number;
    }
  | { kind: 'refused'; reason: RefusalReason; level: number; fromLevel: number | null; expiresBefore: Date | null };

export function previewGrant(input: {
  active: ActiveLevel | null;
  levels: readonly GrantLevel[];
  level: number | null | undefined;
  months: number | null | undefined;
  now: Date;
}): GrantPreview {
  const { active, levels, level, months, now } = input;
  if (level === null || level === undefined || months === null || months === undefined) return { kind: 'incomplete' };
  const refused = (reason: RefusalReason): GrantPreview => ({
    kind: 'refused',
    reason,
    level,
    fromLevel: active?.level ?? null,
    expiresBefore: active?.expiresAt ?? null,
  });
  if (!Number.isInteger(months) || months < VIP_GRANT_MONTHS_MIN || months > VIP_GRANT_MONTHS_MAX) return refused('MONTHS_OUT_OF_RANGE');
  const target = levels.find((l) => l.level === level);
  if (!target || level <= 0) return refused('UNKNOWN_LEVEL');
  if (!target.enabled) return refused('LEVEL_DISABLED');

  if (!active || active.expiresAt.getTime() <= now.getTime()) {
    return { kind: 'new', level, expiresAt: addMonthsShanghai(now, months) };
  }
  if (level === active.level) {
    return { kind: 'extend', level, expiresBefore: active.expiresAt, expiresAt: addMonthsShanghai(active.expiresAt, months) };
  }
  if (level < active.level) return refused('LOWER_THAN_ACTIVE');

  const oldPrice = levels.find((l) => l.level === active.level)?.priceFen ?? 0;
  const remainingMs = active.expiresAt.getTime() - now.getTime();
  let convertedMs = 0;
  let convertedValueFen = 0;
  if (oldPrice > 0) {
    if (target.priceFen === 0) return refused('UNPRICED_TARGET');
    const num = BigInt(remainingMs) * BigInt(oldPrice);
    convertedMs = Number((num / (BigInt(target.priceFen) * 1000n)) * 1000n);
    convertedValueFen = Number(num / BigInt(TERM_MS));
  }
  return {
    kind: 'upgrade',
    level,
    fromLevel: active.level,
    expiresBefore: active.expiresAt,
    expiresAt: new Date(addMonthsShanghai(now, months).getTime() + convertedMs),
    convertedMs,
    convertedDays: Math.floor((convertedMs * 100) / DAY_MS) / 100,
    convertedValueFen,
  };
}

/** Whether the preview allows submitting. */
export function canSubmitGrant(preview: GrantPreview): boolean {
  return preview.kind === 'new' || preview.kind === 'extend' || preview.kind === 'upgrade';
}

const INVALID_GRANT_REASONS = new Set([
  'MONTHS_OUT_OF_RANGE',
  'FREE_LEVEL',
  'UNKNOWN_LEVEL',
  'NEGATIVE_PRICE',
  'UNKNOWN_CURRENT_LEVEL',
  'UNPRICED_TARGET',
  'NOT_A_MEMBER',
]);

/**
 * The i18n key (under `grant.errors`) for a refused grant, or null when the server's own message
 * should be shown. The server words VIP_INVALID_GRANT / VIP_LEVEL_DISABLED in one language only.
 */
export function grantErrorKey(error: Pick<ApiError, 'code' | 'details'>): string | null {
  switch (error.code) {
    case 'VIP_DOWNGRADE_NOT_ALLOWED':
      return 'downgrade';
    case 'VIP_LEVEL_DISABLED':
      return 'levelDisabled';
    case 'USER_NOT_FOUND':
      return 'userNotFound';
    case 'VIP_INVALID_GRANT': {
      const reason = (error.details as { reason?: unknown } | null | undefined)?.reason;
      return typeof reason === 'string' && INVALID_GRANT_REASONS.has(reason) ? `reasons.${reason}` : 'invalid';
    }
    default:
      return null;
  }
}

/** What the dialog says about a preview: i18n keys (under `grant.preview`) with their parameters. */
export interface GrantExplanation {
  type: 'info' | 'success' | 'error';
  titleKey: string;
  textKey: string;
  params: Record<string, string | number>;
}

/**
 * The explanation shown before submitting: new term, extension, upgrade with the converted credit,
 * or why the server will refuse (e.g. a downgrade while a higher level is active).
 */
export function explainGrant(
  preview: GrantPreview,
  months: number | null,
  levelName: (level: number) => string,
  formatTime: (at: Date | null) => string,
  formatFen: (fen: number) => string,
): GrantExplanation | null {
  const p = preview;
  const m = months ?? 0;
  switch (p.kind) {
    case 'incomplete':
      return null;
    case 'new':
      return { type: 'info', titleKey: 'newTitle', textKey: 'new', params: { level: levelName(p.level), months: m, date: formatTime(p.expiresAt) } };
    case 'extend':
      return {
        type: 'info',
        titleKey: 'extendTitle',
        textKey: 'extend',
        params: { level: levelName(p.level), months: m, before: formatTime(p.expiresBefore), date: formatTime(p.expiresAt) },
      };
    case 'upgrade': {
      const params = { from: levelName(p.fromLevel), level: levelName(p.level), months: m, date: formatTime(p.expiresAt) };
      return p.convertedMs > 0
        ? {
            type: 'success',
            titleKey: 'upgradeTitle',
            textKey: 'upgrade',
            params: { ...params, value: formatFen(p.convertedValueFen), days: p.convertedDays },
          }
        : { type: 'success', titleKey: 'upgradeTitle', textKey: 'upgradeNoCredit', params };
    }
    case 'refused':
      return {
        type: 'error',
        titleKey: 'refusedTitle',
        textKey: `refused.${p.reason}`,
        params: {
          from: p.fromLevel === null ? '' : levelName(p.fromLevel),
          level: levelName(p.level),
          before: formatTime(p.expiresBefore),
          min: VIP_GRANT_MONTHS_MIN,
          max: VIP_GRANT_MONTHS_MAX,
        },
      };
  }
}
