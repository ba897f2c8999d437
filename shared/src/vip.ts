/** Public view of a VIP level, as returned by `GET /api/v1/vip-levels` (type only). */
export interface VipLevelPublic {
  level: number;
  name: string;
  /** null = unlimited */
  stockQuota: number | null;
  /** price of the 3-month term, in fen */
  priceFen: number;
  enabled: boolean;
  description: string;
  /** English forms ('' when the admin set none: show `name` / `description`). */
  nameEn: string;
  descriptionEn: string;
}

/** A level's name in the UI language (the English form when asked for and set). */
export function vipLevelName(l: Pick<VipLevelPublic, 'name' | 'nameEn'>, locale: string): string {
  return locale.toLowerCase().startsWith('en') && l.nameEn ? l.nameEn : l.name;
}
export function vipLevelDescription(l: Pick<VipLevelPublic, 'description' | 'descriptionEn'>, locale: string): string {
  return locale.toLowerCase().startsWith('en') && l.descriptionEn ? l.descriptionEn : l.description;
}

/** The price term of a level and the usual grant: 3 calendar months. */
export const VIP_TERM_MONTHS = 3;
/** Whole months an admin grant may give. */
export const VIP_GRANT_MONTHS_MIN = 1;
export const VIP_GRANT_MONTHS_MAX = 36;

/** `GET /api/v1/admin/vip-levels` (admin view). */
export interface VipLevelAdmin extends VipLevelPublic {
  /** signal strategy used for this level */
  strategyId: string;
  /**
   * While a newly chosen strategy's signals are being computed, the strategy whose signals members
   * of this level still see (null = `strategyId` is served).
   */
  servedStrategyId: string | null;
  updatedAt: string;
}

/**
 * Answer of `PUT /api/v1/admin/vip-levels/:level`: the level, and the background job that brings
 * the level's members to a changed stock quota (null when the quota did not change).
 */
export interface VipLevelUpdateResult extends VipLevelAdmin {
  reallocationJobId: string | null;
  /** The job computing a newly chosen strategy's signals over the lookback (null when it did not change). */
  strategyJobId: string | null;
}

/** Body of `PUT /api/v1/admin/vip-levels/:level`: only the fields to change. */
export type VipLevelUpdate = Partial<Pick<VipLevelAdmin, 'name' | 'nameEn' | 'stockQuota' | 'priceFen' | 'enabled' | 'description' | 'descriptionEn' | 'strategyId'>>;

export type VipGrantSource = 'admin' | 'payment' | 'card_key' | 'payment_refund';
/** new: nothing paid was active · extend: same level · upgrade: higher level, old value converted to time */
/** 'revert': a full refund took back the time an earlier payment gave (a new grant, history kept). */
export type VipGrantKind = 'new' | 'extend' | 'upgrade' | 'revert';

/** One change to a subscription (`GET /me/vip-grants`, `GET /admin/users/:id/vip-grants`). */
export interface VipGrantDto {
  id: string;
  userId: string;
  source: VipGrantSource;
  reference: string | null;
  level: number;
  months: number;
  kind: VipGrantKind;
  /** effective level before the grant */
  levelBefore: number;
  expiresBefore: string | null;
  expiresAfter: string;
  /** extra time from the old level's unused value (upgrades) */
  convertedSeconds: number;
  reason: string;
  operatorId: string | null;
  createdAt: string;
}

/** `GET /me/subscription` and the admin user detail; null when never subscribed. */
export interface SubscriptionDto {
  level: number;
  startsAt: string;
  expiresAt: string;
  /** level while expiresAt > now, else 0 */
  effectiveLevel: number;
  active: boolean;
}

/**
 * GET /me/subscription: the stored subscription, or for a member who never had a paid level the free
 * level (level 0, no dates, `free: true`) — always a JSON object, never an empty body.
 */
export interface MySubscriptionDto extends Omit<SubscriptionDto, 'startsAt' | 'expiresAt'> {
  startsAt: string | null;
  expiresAt: string | null;
  /** true when the member has never had a paid level */
  free: boolean;
}
