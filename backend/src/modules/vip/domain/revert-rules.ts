/**
 * Refund revert (issue 14): a full refund takes back the VIP time its order granted, as a NEW
 * grant of kind 'revert' — history is never edited. Pure; the service stores the result.
 *
 *   Nothing changed since the order's grant (it is still the member's latest grant):
 *     'new'     → the subscription ends now (expiresAt = now, level kept, effective level 0)
 *     'extend'  → expiresAt back to the expiry before the grant (not earlier than now)
 *     'upgrade' → level and expiry back to what they were before (not earlier than now); the
 *                 old level's time that was converted into the upgrade comes back with it
 *   The member changed since (a later extension, upgrade, card key…):
 *     the time the order bought, boughtMs = expiresAfter − (extend ? expiresBefore : grantedAt)
 *     − convertedMs (converted time came from earlier purchases, not this order), is valued at
 *     the order's level price and taken off the current level at its price:
 *       removedMs = floor(boughtMs × price(order level) / price(current level)) to whole seconds
 *       (current price 0 or unknown → removedMs = boughtMs), expiresAt = max(now, expiresAt − removedMs),
 *     level unchanged.
 */
export interface RevertInput {
  grant: { level: number; kind: 'new' | 'extend' | 'upgrade' | 'revert'; levelBefore: number; expiresBefore: Date | null; expiresAfter: Date; convertedSeconds: number; createdAt: Date };
  /** The order's grant is the member's latest grant. */
  isLatest: boolean;
  current: { level: number; expiresAt: Date };
  levelPrices: ReadonlyMap<number, number>;
  now: Date;
}
export interface RevertPlan {
  level: number;
  expiresAt: Date;
  removedMs: number;
  rule: 'exact' | 'prorated';
}

export function planRevert(i: RevertInput): RevertPlan {
  const { grant, current, now } = i;
  const atLeastNow = (d: Date | null) => (d && d > now ? d : now);
  if (i.isLatest) {
    const level = grant.kind === 'upgrade' ? grant.levelBefore || current.level : current.level;
    const expiresAt = grant.kind === 'new' ? now : atLeastNow(grant.expiresBefore);
    return { level, expiresAt, removedMs: Math.max(0, current.expiresAt.getTime() - expiresAt.getTime()), rule: 'exact' };
  }
  const start = grant.kind === 'extend' && grant.expiresBefore ? grant.expiresBefore : grant.createdAt;
  const boughtMs = Math.max(0, grant.expiresAfter.getTime() - start.getTime() - grant.convertedSeconds * 1000);
  const orderPrice = i.levelPrices.get(grant.level) ?? 0;
  const currentPrice = i.levelPrices.get(current.level) ?? 0;
  const removedMs =
    currentPrice > 0 && orderPrice > 0 ? Number((BigInt(boughtMs) * BigInt(orderPrice)) / (BigInt(currentPrice) * 1000n)) * 1000 : boughtMs;
  const expiresAt = atLeastNow(new Date(current.expiresAt.getTime() - removedMs));
  return { level: current.level, expiresAt, removedMs: current.expiresAt.getTime() - expiresAt.getTime(), rule: 'prorated' };
}
