import { Injectable } from '@nestjs/common';
import type { UserDto } from '@zhice/shared';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock.js';
import type { User } from '../users/entities/user.entity.js';
import { userDto, type UserListCondition } from '../users/users.service.js';
import { effectiveLevelIsSql, VipStore } from './vip.store.js';

/** Re-exported for the read models that filter on the level inside their own statement (allocation's lists). */
export { effectiveLevelOfUserSql } from './vip.store.js';

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

  /** The admin user list's `vipLevel` filter: the effective level at the Clock's instant, the one the answer shows. */
  levelFilter(level: number): UserListCondition {
    return { where: effectiveLevelIsSql('u', ':now', ':lvl'), params: { now: this.clock.now(), lvl: level } };
  }

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
