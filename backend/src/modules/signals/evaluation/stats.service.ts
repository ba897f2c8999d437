import { Injectable } from '@nestjs/common';
import { SIGNAL_WINDOWS, type SignalStatsDto, type SignalStatsItemDto, type SignalWindow } from '@zhice/shared';
import { DataSource } from 'typeorm';
import { AppException } from '../../../common/app-exception.js';
import { isStrategyId } from '../strategies/registry.js';

const FWD_COLUMN: Record<SignalWindow, string> = { 1: 'fwd_1', 5: 'fwd_5', 10: 'fwd_10', 20: 'fwd_20' };

/**
 * Track record per strategy and window, computed in SQL over published days. Samples are the
 * issued signals (per date, stock and strategy the first version published — what members saw),
 * BUY and SELL only, whose forward return at the window is known. The baseline is the exact
 * expectation of random picks from the same day's universe (pool) with the same direction
 * (domain/evaluation.ts expectedBaseline: same definition, the integration test checks both agree).
 */
@Injectable()
export class SignalStatsService {
  constructor(private readonly dataSource: DataSource) {}

  async stats(q: { strategyId?: string; window?: number }): Promise<SignalStatsDto> {
    if (q.strategyId !== undefined && !isStrategyId(q.strategyId)) throw AppException.badRequest('STRATEGY_NOT_FOUND', `Unknown strategy ${q.strategyId}`);
    const windows = q.window === undefined ? SIGNAL_WINDOWS : SIGNAL_WINDOWS.filter((w) => w === q.window);
    const items: SignalStatsItemDto[] = [];
    for (const window of windows) items.push(...(await this.forWindow(window, q.strategyId ?? null)).map(({ sdReturn: _sd, ...item }) => item));
    items.sort((a, b) => (a.strategyId < b.strategyId ? -1 : a.strategyId > b.strategyId ? 1 : a.window - b.window));
    return { items };
  }

  /**
   * One strategy's record at every window, over all stocks or (tsCode) one stock's signals only,
   * with the sample standard deviation of the direction-adjusted returns (for the intervals).
   */
  async figures(strategyId: string, tsCode: string | null): Promise<Array<SignalStatsItemDto & { sdReturn: number | null }>> {
    const out: Array<SignalStatsItemDto & { sdReturn: number | null }> = [];
    for (const window of SIGNAL_WINDOWS) out.push(...(await this.forWindow(window, strategyId, tsCode)));
    return out;
  }

  private async forWindow(window: SignalWindow, strategyId: string | null, tsCode: string | null = null): Promise<Array<SignalStatsItemDto & { sdReturn: number | null }>> {
    const f = FWD_COLUMN[window];
    const rows: Array<{ strategy_id: string; count: number; hits: number; mean_return: number | null; sd_return: number | null; base_count: number; base_hit: number | null; base_mean: number | null }> =
      await this.dataSource.query(
        `WITH issued AS (
           SELECT DISTINCT ON (s.trade_date, s.ts_code, s.strategy_id) s.trade_date, s.ts_code, s.strategy_id, s.action
             FROM signals s JOIN signal_days d ON d.trade_date = s.trade_date AND d.status = 'published'
            WHERE ($1::varchar IS NULL OR s.strategy_id = $1) AND ($2::varchar IS NULL OR s.ts_code = $2)
            ORDER BY s.trade_date, s.ts_code, s.strategy_id, s.version
         ), pool AS (
           SELECT trade_date, count(*)::float8 AS n,
                  count(*) FILTER (WHERE ${f} > 0)::float8 AS up,
                  count(*) FILTER (WHERE ${f} < 0)::float8 AS down,
                  avg(${f}) AS mean
             FROM signal_returns WHERE ${f} IS NOT NULL GROUP BY trade_date
         )
         SELECT i.strategy_id,
                count(*)::int AS count,
                count(*) FILTER (WHERE (i.action = 'BUY' AND r.${f} > 0) OR (i.action = 'SELL' AND r.${f} < 0))::int AS hits,
                avg(CASE WHEN i.action = 'BUY' THEN r.${f} ELSE -r.${f} END) AS mean_return,
                stddev_samp(CASE WHEN i.action = 'BUY' THEN r.${f} ELSE -r.${f} END) AS sd_return,
                count(p.trade_date)::int AS base_count,
                avg(CASE WHEN i.action = 'BUY' THEN p.up / p.n ELSE p.down / p.n END) AS base_hit,
                avg(CASE WHEN i.action = 'BUY' THEN p.mean ELSE -p.mean END) AS base_mean
           FROM issued i
           JOIN signal_returns r ON r.trade_date = i.trade_date AND r.ts_code = i.ts_code AND r.${f} IS NOT NULL
           LEFT JOIN pool p ON p.trade_date = i.trade_date
          WHERE i.action <> 'HOLD'
          GROUP BY i.strategy_id`,
        [strategyId, tsCode],
      );
    const out: Array<SignalStatsItemDto & { sdReturn: number | null }> = rows.map((r) => ({
      strategyId: r.strategy_id,
      window,
      count: r.count,
      hits: r.hits,
      hitRate: r.count > 0 ? r.hits / r.count : null,
      meanReturn: r.mean_return === null ? null : Number(r.mean_return),
      sdReturn: r.sd_return === null ? null : Number(r.sd_return),
      baseline: { count: r.base_count, hitRate: r.base_hit === null ? null : Number(r.base_hit), meanReturn: r.base_mean === null ? null : Number(r.base_mean) },
    }));
    if (strategyId && out.length === 0) {
      out.push({ strategyId, window, count: 0, hits: 0, hitRate: null, meanReturn: null, sdReturn: null, baseline: { count: 0, hitRate: null, meanReturn: null } });
    }
    return out;
  }
}
