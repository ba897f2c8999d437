import { Injectable } from '@nestjs/common';
import { SIGNAL_WINDOWS, type SignalStatsDto, type SignalStatsItemDto, type SignalWindow } from '@zhice/shared';
import { DataSource } from 'typeorm';
import { AppException } from '../../../common/app-exception.js';
import { SignalsStore } from '../signals.store.js';
import { isStrategyId } from '../strategies/registry.js';

/**
 * Track record per strategy and window, computed in SQL over published days. Samples are the
 * issued signals (per date, stock and strategy the first version published — what members saw),
 * BUY and SELL only, whose forward return at the window is known. The baseline is the exact
 * expectation of random picks from the same day's universe (pool) with the same direction
 * (domain/evaluation.ts expectedBaseline: same definition, the integration test checks both agree).
 */
@Injectable()
export class SignalStatsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: SignalsStore,
  ) {}

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
    const rows = await this.store.windowStats(this.dataSource.manager, window, strategyId, tsCode);
    const out: Array<SignalStatsItemDto & { sdReturn: number | null }> = rows.map((r) => ({
      strategyId: r.strategyId,
      window,
      count: r.count,
      hits: r.hits,
      hitRate: r.count > 0 ? r.hits / r.count : null,
      meanReturn: r.meanReturn,
      sdReturn: r.sdReturn,
      baseline: { count: r.baseCount, hitRate: r.baseHit, meanReturn: r.baseMean },
    }));
    if (strategyId && out.length === 0) {
      out.push({ strategyId, window, count: 0, hits: 0, hitRate: null, meanReturn: null, sdReturn: null, baseline: { count: 0, hitRate: null, meanReturn: null } });
    }
    return out;
  }
}
