import { fenToYuan, VIP_TERM_MONTHS, type VipLevelPublic, vipLevelDescription, vipLevelName } from '@zhice/shared';

/** One level on the comparison page. */
export interface VipCard {
  level: number;
  name: string;
  /** null = every stock in the pool */
  stockQuota: number | null;
  free: boolean;
  /** price of the 3-month term in yuan, e.g. `599.00` */
  priceYuan: string;
  /** the same per month, rounded to the fen, e.g. `199.67`; null when free */
  monthlyYuan: string | null;
  description: string;
  /** the member's effective level */
  current: boolean;
  /** a higher level than the member's (what "upgrade" would buy) */
  higher: boolean;
}

/**
 * The levels to compare, lowest first: every enabled level, plus the member's own level even if it
 * was disabled since (so "current" is always visible). `currentLevel` null = signed out.
 */
export function vipCards(levels: readonly VipLevelPublic[], currentLevel: number | null, locale = 'zh-CN'): VipCard[] {
  return levels
    .filter((l) => l.enabled || l.level === currentLevel)
    .slice()
    .sort((a, b) => a.level - b.level)
    .map((l) => ({
      level: l.level,
      name: vipLevelName(l, locale),
      stockQuota: l.stockQuota,
      free: l.priceFen === 0,
      priceYuan: fenToYuan(l.priceFen),
      monthlyYuan: l.priceFen === 0 ? null : fenToYuan(Math.round(l.priceFen / VIP_TERM_MONTHS)),
      description: vipLevelDescription(l, locale),
      current: currentLevel !== null && l.level === currentLevel,
      higher: currentLevel === null ? l.level > 0 : l.level > currentLevel,
    }));
}
