import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { effectiveLevelSql, FREE_LEVEL } from './domain/vip-levels.js';
import { EffectiveLevelSql, EntitlementReader, type Entitlement } from '../users/entitlements.js';

/**
 * Members' effective levels (the rule: `effectiveLevel` / `effectiveLevelSql` in domain/vip-levels.ts).
 * Quota comes from the effective level's row, so an expired VIP gets the free quota at once.
 */
@Injectable()
export class VipEntitlementReader extends EntitlementReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    super();
  }

  async forUsers(userIds: string[]): Promise<Map<string, Entitlement>> {
    const out = new Map<string, Entitlement>();
    if (userIds.length === 0) return out;
    const rows: Array<{ user_id: string; level: number; expires_at: Date | null; stock_quota: number | null; strategy_id: string | null; served_strategy_id: string | null }> =
      await this.dataSource.query(
        `SELECT u.id AS user_id,
              ${effectiveLevelSql.level('s', '$2')} AS level,
              ${effectiveLevelSql.expiresAt('s', '$2')} AS expires_at,
              l.stock_quota, l.strategy_id, l.served_strategy_id
         FROM unnest($1::uuid[]) AS u(id)
         LEFT JOIN subscriptions s ON s.user_id = u.id
         LEFT JOIN vip_levels l ON l.level = ${effectiveLevelSql.level('s', '$2')}`,
        [userIds, this.clock.now()],
      );
    for (const r of rows) {
      out.set(r.user_id, { vipLevel: Number(r.level), vipExpiresAt: r.expires_at, stockQuota: r.stock_quota, strategyId: r.strategy_id, servedStrategyId: r.served_strategy_id });
    }
    return out;
  }

  async enabledLevelQuotas(): Promise<Array<{ level: number; name: string; stockQuota: number | null }>> {
    const rows: Array<{ level: number; name: string; stock_quota: number | null }> = await this.dataSource.query(
      `SELECT level, name, stock_quota FROM vip_levels WHERE enabled ORDER BY level`,
    );
    return rows.map((r) => ({ level: Number(r.level), name: r.name, stockQuota: r.stock_quota === null ? null : Number(r.stock_quota) }));
  }
}

@Injectable()
export class VipEffectiveLevelSql extends EffectiveLevelSql {
  forUserAlias(alias: string, nowParam: string): string {
    // The same rule as forUsers above, at the caller's Clock instant (never the database's now()).
    return `COALESCE((SELECT ${effectiveLevelSql.level('s', nowParam)} FROM subscriptions s WHERE s.user_id = ${alias}.id), ${FREE_LEVEL})`;
  }
}
