/**
 * What a user's membership gives them right now. The VIP module provides the real reader; users
 * and auth only depend on this abstract class (a class token, so no import cycle).
 */
export interface Entitlement {
  vipLevel: number;
  vipExpiresAt: Date | null;
  stockQuota: number | null;
}

export abstract class EntitlementReader {
  abstract forUsers(userIds: string[]): Promise<Map<string, Entitlement>>;
}

/** SQL expression for a user's effective level, so lists can filter on it inside one query. */
export abstract class EffectiveLevelSql {
  abstract forUserAlias(alias: string): string;
}
