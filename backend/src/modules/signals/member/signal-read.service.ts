import { Injectable } from '@nestjs/common';
import type { LatestSignalDto } from '@zhice/shared';
import { DataSource } from 'typeorm';
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
    private readonly config: StrategyConfigService,
  ) {}

  /**
   * A member's strategy: their effective VIP level's. Callers pass the level they have already read
   * with the member's holdings (AllocationService.visibleStocks / myStocks), not read it again.
   */
  strategyForLevel(vipLevel: number): Promise<StrategyId> {
    return this.config.strategyForLevel(vipLevel);
  }

  /** The latest published signal (as issued) per stock for the member's strategy. */
  async latestFor(tsCodes: readonly string[], vipLevel: number): Promise<Map<string, LatestSignalDto>> {
    const out = new Map<string, LatestSignalDto>();
    if (tsCodes.length === 0) return out;
    const strategyId = await this.strategyForLevel(vipLevel);
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
