/**
 * What a user's membership gives them right now. The VIP module provides the real reader; users
 * and auth only depend on this abstract class (a class token, so no import cycle).
 */
export interface Entitlement {
  vipLevel: number;
  vipExpiresAt: Date | null;
  stockQuota: number | null;
  /**
   * The effective level's strategy mapping as stored (`vip_levels.strategy_id` / `served_strategy_id`;
   * null when the level has no row): signals' `servedStrategyId()` turns it into the strategy whose
   * signals the member sees, so GET /me/stocks needs no second read of the levels.
   */
  strategyId: string | null;
  servedStrategyId: string | null;
}

export abstract class EntitlementReader {
  abstract forUsers(userIds: string[]): Promise<Map<string, Entitlement>>;
  /** Every enabled level with its stock quota (null = unlimited), lowest first. */
  abstract enabledLevelQuotas(): Promise<Array<{ level: number; name: string; stockQuota: number | null }>>;
}

/**
 * SQL expression for a user's effective level, so lists can filter on it inside one query.
 * `nowParam` is the placeholder (`$3`, `:now`) of a bound timestamptz the caller sets to
 * `Clock.now()`: the expression must not read the database's own now(), or a list filtered by level
 * would disagree with the levels the API shows (and tests, which run a fake clock, could not check it).
 */
export abstract class EffectiveLevelSql {
  abstract forUserAlias(alias: string, nowParam: string): string;
}
