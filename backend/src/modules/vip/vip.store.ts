import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { findOrder } from '../../common/list-query.js';
import { pageOffset } from '../../common/pagination.js';
import { returnedRows, selectRows } from '../../common/sql.js';
import { effectiveLevelSql } from './domain/vip-levels.js';
import { VIP_GRANT_SORT } from './dto/vip.dto.js';
import { Subscription } from './entities/subscription.entity.js';
import { VipGrant, type GrantSource } from './entities/vip-grant.entity.js';
import { VipLevel } from './entities/vip-level.entity.js';

/** A subscription's stored fields as a grant writes them. */
export type SubscriptionFields = Pick<Subscription, 'level' | 'startsAt' | 'expiresAt' | 'notifiedLevel'>;

/** A new grant row (id and createdAt are filled in). */
export type NewGrant = Omit<VipGrant, 'id' | 'createdAt'>;

/**
 * Every SQL statement of vip's levels, subscriptions and grants (the entitlement reads of the hot
 * path are `VipEntitlements`'). The caller's manager first; rows are the entities.
 */
@Injectable()
export class VipStore {
  // ---- vip_levels ------------------------------------------------------------------------------

  /** Every level, lowest first. */
  levels(m: EntityManager): Promise<VipLevel[]> {
    return m.find(VipLevel, { order: { level: 'ASC' } });
  }

  /** The level row locked FOR UPDATE. */
  lockLevel(m: EntityManager, level: number): Promise<VipLevel | null> {
    return m.findOne(VipLevel, { where: { level }, lock: { mode: 'pessimistic_write' } });
  }

  /** Writes the changed fields of a loaded level row; answers the saved row. */
  saveLevel(m: EntityManager, row: VipLevel): Promise<VipLevel> {
    return m.save(row);
  }

  /** Stops serving the previous strategy when the level still uses `strategyId`; whether it did. */
  async clearServedStrategy(m: EntityManager, level: number, strategyId: string): Promise<boolean> {
    const r = await m.query(
      `UPDATE vip_levels SET served_strategy_id = NULL WHERE level = $1 AND strategy_id = $2 AND served_strategy_id IS NOT NULL RETURNING level`,
      [level, strategyId],
    );
    return returnedRows(r).length > 0;
  }

  // ---- subscriptions ---------------------------------------------------------------------------

  subscription(m: EntityManager, userId: string): Promise<Subscription | null> {
    return m.findOneBy(Subscription, { userId });
  }

  async insertSubscription(m: EntityManager, userId: string, f: SubscriptionFields): Promise<void> {
    await m.insert(Subscription, m.create(Subscription, { userId, ...f }));
  }

  /** One UPDATE by the member id (the caller holds the member's row lock). */
  async updateSubscription(m: EntityManager, userId: string, f: SubscriptionFields): Promise<void> {
    await m.update(Subscription, { userId }, { level: f.level, startsAt: f.startsAt, expiresAt: f.expiresAt, notifiedLevel: f.notifiedLevel });
  }

  /** Writes the changed fields of a loaded subscription row. */
  async saveSubscription(m: EntityManager, sub: Subscription): Promise<void> {
    await m.save(sub);
  }

  /** Marks the subscriptions expired at `now` and not yet told as ended (notified level 0); the member and stored level of each. */
  async markExpiredNotified(m: EntityManager, now: Date): Promise<Array<{ userId: string; level: number }>> {
    const rows = returnedRows<{ user_id: string; level: number }>(
      await m.query(
        `UPDATE subscriptions SET notified_level = 0
          WHERE expires_at <= $1 AND notified_level <> 0
          RETURNING user_id, level`,
        [now],
      ),
    );
    return rows.map((r) => ({ userId: r.user_id, level: Number(r.level) }));
  }

  // ---- vip_grants ------------------------------------------------------------------------------

  grantByReference(m: EntityManager, source: GrantSource, reference: string): Promise<VipGrant | null> {
    return m.findOneBy(VipGrant, { source, reference });
  }

  /** The member's newest grant (ties on createdAt: the higher id). */
  latestGrantOf(m: EntityManager, userId: string): Promise<VipGrant | null> {
    return m.findOne(VipGrant, { where: { userId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  insertGrant(m: EntityManager, g: NewGrant): Promise<VipGrant> {
    return m.save(m.create(VipGrant, g));
  }

  /** A page of the member's grants sorted by VIP_GRANT_SORT, and the total. */
  listGrants(m: EntityManager, userId: string, sort: string | undefined, page: { page: number; pageSize: number }): Promise<[VipGrant[], number]> {
    return m.findAndCount(VipGrant, { where: { userId }, order: findOrder(sort, VIP_GRANT_SORT), ...pageOffset(page) });
  }

  // ---- entitlements (VipEntitlements) ---------------------------------------------------------

  /**
   * Each user's effective level at `now` with that level's quota and strategies (a user without a
   * membership row gets the free level's). GET /me/stocks reads this on every request: straight on
   * the pool (common/sql.ts selectRows).
   */
  entitlementRows(m: EntityManager, userIds: readonly string[], now: Date): Promise<EntitlementRow[]> {
    return selectRows<EntitlementRow>(
      m,
      `SELECT u.id AS "userId",
              ${effectiveLevelSql.level('s', '$2')} AS level,
              ${effectiveLevelSql.expiresAt('s', '$2')} AS "expiresAt",
              l.stock_quota AS "stockQuota", l.strategy_id AS "strategyId", l.served_strategy_id AS "servedStrategyId"
         FROM unnest($1::uuid[]) AS u(id)
         LEFT JOIN subscriptions s ON s.user_id = u.id
         LEFT JOIN vip_levels l ON l.level = ${effectiveLevelSql.level('s', '$2')}`,
      [userIds, now],
    );
  }

  /** Every enabled level with its stock quota (null = unlimited), lowest first. */
  enabledLevels(m: EntityManager): Promise<Array<{ level: number; name: string; stockQuota: number | null }>> {
    return m.query(`SELECT level, name, stock_quota AS "stockQuota" FROM vip_levels WHERE enabled ORDER BY level`);
  }
}

export interface EntitlementRow {
  userId: string;
  level: number;
  expiresAt: Date | null;
  stockQuota: number | null;
  strategyId: string | null;
  servedStrategyId: string | null;
}
