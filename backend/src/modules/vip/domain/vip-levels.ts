/** VIP levels: defaults and the read-time rules (effective level, quota). */
import { VIP_TERM_MONTHS, type VipLevelPublic } from '@zhice/shared';

export const VIP_LEVEL_MIN = 0;
export const VIP_LEVEL_MAX = 4;
/** Level every member falls back to when nothing is active. */
export const FREE_LEVEL = 0;
/** One paid term, in calendar months (aligned with pool rotation): the shared constant. */
export { VIP_TERM_MONTHS };

/** A level as seeded and stored, before its English forms: the shared public type without them. */
export type VipLevelDefinition = Omit<VipLevelPublic, 'nameEn' | 'descriptionEn'>;

/** Seed values; every attribute is admin-editable afterwards. */
export const DEFAULT_VIP_LEVELS: readonly VipLevelDefinition[] = Object.freeze([
  { level: 0, name: '免费用户', stockQuota: 5, priceFen: 0, enabled: true, description: '注册即得，5 只股票' },
  { level: 1, name: 'VIP1', stockQuota: 10, priceFen: 29_900, enabled: true, description: '10 只股票' },
  { level: 2, name: 'VIP2', stockQuota: 20, priceFen: 59_900, enabled: true, description: '20 只股票' },
  { level: 3, name: 'VIP3', stockQuota: 50, priceFen: 99_900, enabled: true, description: '50 只股票' },
  { level: 4, name: 'SVIP', stockQuota: null, priceFen: 199_900, enabled: true, description: '股票池全部股票' },
]);

export interface SubscriptionState {
  level: number;
  /** null = never subscribed / no paid level. */
  expiresAt: Date | null;
}

/** True while a paid level (> 0) is in force: `expiresAt > now` (strictly; at the instant itself it has ended). */
export function isActive(sub: SubscriptionState | null | undefined, now: Date): sub is SubscriptionState & { expiresAt: Date } {
  return !!sub && sub.level > FREE_LEVEL && sub.expiresAt !== null && sub.expiresAt.getTime() > now.getTime();
}

/** Level while `expiresAt > now`, else 0. A level > 0 without an expiry counts as expired (0). */
export function effectiveLevel(sub: SubscriptionState | null | undefined, now: Date): number {
  return isActive(sub, now) ? sub.level : FREE_LEVEL;
}

/**
 * `effectiveLevel` in SQL, the only other copy of the rule: `sub` is a `subscriptions` alias (its
 * columns NULL when the member has no row), `now` the placeholder of a bound timestamptz the caller
 * sets to `Clock.now()` (never the database's own now()). A level without an expiry is expired
 * here too (`NULL > now` is not true). `expiresAt` is the expiry while the level is in force.
 */
export const effectiveLevelSql = {
  level: (sub: string, now: string) => `CASE WHEN ${sub}.expires_at > ${now} THEN ${sub}.level ELSE ${FREE_LEVEL} END`,
  expiresAt: (sub: string, now: string) => `CASE WHEN ${sub}.expires_at > ${now} THEN ${sub}.expires_at END`,
};

/** Stock quota of a level (null = unlimited). Unknown level → the free level's quota, else 0. */
export function quotaOf(levels: readonly Pick<VipLevelDefinition, 'level' | 'stockQuota'>[], level: number): number | null {
  const def = levels.find((l) => l.level === level) ?? levels.find((l) => l.level === FREE_LEVEL);
  return def ? def.stockQuota : 0;
}

/** Map level → price per 3-month term in fen, the shape `planGrant` takes. */
export function priceMap(levels: readonly Pick<VipLevelDefinition, 'level' | 'priceFen'>[]): Map<number, number> {
  return new Map(levels.map((l) => [l.level, l.priceFen]));
}
