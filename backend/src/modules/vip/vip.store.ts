import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SqlParams, sqlOrderBy } from '../../common/list-query.js';
import { returnedRows, selectRows } from '../../common/sql.js';
import { effectiveLevelSql, FREE_LEVEL } from './domain/vip-levels.js';
import { VIP_GRANT_SORT } from './domain/list-sorts.js';
import { Subscription } from './entities/subscription.entity.js';
import { VipGrant, type GrantSource } from './entities/vip-grant.entity.js';
import { VipLevel } from './entities/vip-level.entity.js';

/** A subscription's stored fields as a grant writes them. */
export type SubscriptionFields = Pick<Subscription, 'level' | 'startsAt' | 'expiresAt' | 'notifiedLevel'>;

/** A new grant row (id and createdAt are filled in). */
export type NewGrant = Omit<VipGrant, 'id' | 'createdAt'>;

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

/** `effectiveLevelOfUserSql(alias, nowParam) = levelParam`: a condition for lists filtered by level. */
export function effectiveLevelIsSql(alias: string, nowParam: string, levelParam: string): string {
  return `${effectiveLevelOfUserSql(alias, nowParam)} = ${levelParam}`;
}

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
  async listGrants(m: EntityManager, userId: string, sort: string | undefined, page: { page: number; pageSize: number }): Promise<[VipGrant[], number]> {
    const p = new SqlParams([userId]);
    const counted: Array<{ n: number }> = await m.query('SELECT count(*)::int AS n FROM vip_grants g WHERE g.user_id = $1', p.values);
    const rows: VipGrant[] = await m.query(
      `SELECT g.id, g.user_id AS "userId", g.source, g.reference, g.level, g.months, g.kind, g.level_before AS "levelBefore",
              g.expires_before AS "expiresBefore", g.expires_after AS "expiresAfter", g.converted_seconds AS "convertedSeconds",
              g.reason, g.operator_id AS "operatorId", g.created_at AS "createdAt"
         FROM vip_grants g WHERE g.user_id = $1 ${sqlOrderBy(sort, VIP_GRANT_SORT)} ${p.page(page)}`,
      p.values,
    );
    return [rows, counted[0]?.n ?? 0];
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
