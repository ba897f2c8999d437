import { Injectable } from '@nestjs/common';
import type { UserDto } from '@zhice/shared';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock.js';
import type { User } from '../users/entities/user.entity.js';
import { userDto } from '../users/users.service.js';
import { effectiveLevelSql, FREE_LEVEL } from './domain/vip-levels.js';
import { VipStore } from './vip.store.js';

/** What a user's membership gives them right now. */
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

const NO_ENTITLEMENT: Entitlement = { vipLevel: 0, vipExpiresAt: null, stockQuota: null, strategyId: null, servedStrategyId: null };

/**
 * SQL expression for a user's effective level, so lists can filter on it inside one query.
 * `nowParam` is the placeholder (`$3`, `:now`) of a bound timestamptz the caller sets to
 * `Clock.now()`: the expression must not read the database's own now(), or a list filtered by level
 * would disagree with the levels the API shows (and tests, which run a fake clock, could not check it).
 * The same rule as `VipEntitlements.forUsers` (`effectiveLevel` / `effectiveLevelSql` in domain/vip-levels.ts).
 */
export function effectiveLevelOfUserSql(alias: string, nowParam: string): string {
  return `COALESCE((SELECT ${effectiveLevelSql.level('s', nowParam)} FROM subscriptions s WHERE s.user_id = ${alias}.id), ${FREE_LEVEL})`;
}

/**
 * Members' effective levels (the rule: `effectiveLevel` / `effectiveLevelSql` in domain/vip-levels.ts),
 * for allocation (quotas, GET /me/stocks) and for every answer that shows a user (`UserDto` carries
 * the membership). Quota comes from the effective level's row, so an expired VIP gets the free quota at once.
 */
@Injectable()
export class VipEntitlements {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly store: VipStore,
  ) {}

  async forUsers(userIds: string[]): Promise<Map<string, Entitlement>> {
    const out = new Map<string, Entitlement>();
    if (userIds.length === 0) return out;
    const rows = await this.store.entitlementRows(this.dataSource.manager, userIds, this.clock.now());
    for (const r of rows) {
      out.set(r.userId, { vipLevel: Number(r.level), vipExpiresAt: r.expiresAt, stockQuota: r.stockQuota, strategyId: r.strategyId, servedStrategyId: r.servedStrategyId });
    }
    return out;
  }

  /** Every enabled level with its stock quota (null = unlimited), lowest first. */
  async enabledLevelQuotas(): Promise<Array<{ level: number; name: string; stockQuota: number | null }>> {
    const rows = await this.store.enabledLevels(this.dataSource.manager);
    return rows.map((r) => ({ level: Number(r.level), name: r.name, stockQuota: r.stockQuota === null ? null : Number(r.stockQuota) }));
  }

  /** `user` as every route answers it: the users row with the membership it gives now. */
  async present(user: User): Promise<UserDto> {
    const [dto] = await this.presentMany([user]);
    return dto!;
  }

  async presentMany(users: User[]): Promise<UserDto[]> {
    const ent = await this.forUsers(users.map((u) => u.id));
    return users.map((u) => userDto(u, ent.get(u.id) ?? NO_ENTITLEMENT));
  }
}
