import { Injectable } from '@nestjs/common';
import type { LatestSignalDto } from '@zhice/shared';
import { DataSource } from 'typeorm';
import { EntitlementReader } from '../../users/entitlements.js';
import { StrategyConfigService } from '../config/strategy-config.service.js';
import type { StrategyId } from '../strategies/types.js';

/**
 * Reads that other modules reach through hooks (GET /me/stocks' latestSignal). Depends on nothing
 * that depends on allocation, so the allocation module can inject the reader without a cycle.
 */
@Injectable()
export class SignalReadService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly entitlements: EntitlementReader,
    private readonly config: StrategyConfigService,
  ) {}

  /** The member's strategy: their effective VIP level's. */
  async strategyOf(userId: string): Promise<StrategyId> {
    const level = (await this.entitlements.forUsers([userId])).get(userId)?.vipLevel ?? 0;
    return this.config.strategyForLevel(level);
  }

  /** The latest published signal (as issued) per stock for the member's strategy. */
  async latestFor(userId: string, tsCodes: readonly string[], vipLevel?: number): Promise<Map<string, LatestSignalDto>> {
    const out = new Map<string, LatestSignalDto>();
    if (tsCodes.length === 0) return out;
    // The caller may know the effective level already (GET /me/stocks reads it for the quota).
    const strategyId = vipLevel === undefined ? await this.strategyOf(userId) : await this.config.strategyForLevel(vipLevel);
    const rows: Array<{ ts_code: string; trade_date: string; action: LatestSignalDto['action']; score: number }> = await this.dataSource.query(
      `SELECT c.code AS ts_code, l.trade_date, l.action, l.score
         FROM unnest($2::varchar[]) AS c(code)
         CROSS JOIN LATERAL (
           SELECT s.trade_date::text, s.action, s.score FROM signals s JOIN signal_days d ON d.trade_date = s.trade_date AND d.status = 'published'
            WHERE s.strategy_id = $1 AND s.ts_code = c.code
            ORDER BY s.trade_date DESC, s.version ASC LIMIT 1) l`,
      [strategyId, [...tsCodes]],
    );
    for (const r of rows) out.set(r.ts_code, { tradeDate: r.trade_date, action: r.action, score: r.score });
    return out;
  }
}
