import { Injectable } from '@nestjs/common';
import type { MyFreshnessDto, MySignalsPageDto, MyStockSignalSummaryDto, SignalDto, StockFreshnessDto } from '@zhice/shared';
import { DataSource } from 'typeorm';
import { AppException } from '../../../common/app-exception.js';
import type { AuthUser } from '../../../common/auth.decorators.js';
import { Clock } from '../../../common/clock.js';
import { AllocationService } from '../../allocation/allocation.service.js';
import { MarketDataService } from '../../market-data/market-data.service.js';
import { addDays, shanghaiDate, shanghaiMinutes } from '../runs/dates.js';
import { getStrategy } from '../strategies/registry.js';
import type { MySignalsQueryDto } from '../dto/signals.dto.js';
import { SignalsStore, type IssuedSignalRow } from '../signals.store.js';
import { SignalReadService } from './signal-read.service.js';

/** A trading day's bars are expected from this time (Asia/Shanghai): the daily signal run's hour. */
export const DATA_EXPECTED_AT_MINUTES = 18 * 60;

/**
 * What a member sees: signals of their own currently held stocks only, from their effective level's
 * strategy, one per day (the version first published that day — as issued), published days only.
 */
@Injectable()
export class MemberSignalsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: SignalsStore,
    private readonly clock: Clock,
    private readonly reads: SignalReadService,
    private readonly allocations: AllocationService,
    private readonly market: MarketDataService,
  ) {}

  /** GET /me/signals */
  async list(user: AuthUser, q: MySignalsQueryDto): Promise<MySignalsPageDto> {
    const { codes: owned, vipLevel } = await this.allocations.visibleStocks(user.id);
    if (q.tsCode && !owned.includes(q.tsCode)) throw AppException.forbidden('STOCK_NOT_OWNED', 'You can only see signals of stocks you hold');
    if (q.from && q.to && q.from > q.to) throw AppException.badRequest('VALIDATION_FAILED', 'from must not be after to', [{ field: 'from', errors: ['from must not be after to'] }]);
    const strategyId = await this.reads.strategyForLevel(vipLevel);
    const codes = q.tsCode ? [q.tsCode] : owned;
    const empty = { items: [], total: 0, page: q.page, pageSize: q.pageSize, strategyId };
    if (codes.length === 0) return empty;
    const filter = { strategyId, codes, from: q.from ?? '0001-01-01', to: q.to ?? '9999-12-31' };
    const m = this.dataSource.manager;
    const [rows, total] = await Promise.all([this.store.issuedSignals(m, filter, q), this.store.countIssuedSignals(m, filter)]);
    return { items: rows.map(toSignalDto), total, page: q.page, pageSize: q.pageSize, strategyId };
  }

  /** GET /me/signals/latest?tsCode — the detail page's latest signal with reasons and freshness. */
  async latest(user: AuthUser, tsCode: string): Promise<MyStockSignalSummaryDto> {
    const { codes: owned, vipLevel } = await this.allocations.visibleStocks(user.id);
    if (!owned.includes(tsCode)) throw AppException.forbidden('STOCK_NOT_OWNED', 'You can only see signals of stocks you hold');
    const strategyId = await this.reads.strategyForLevel(vipLevel);
    const [latest, names, freshness] = await Promise.all([
      this.store.latestIssuedSignal(this.dataSource.manager, strategyId, tsCode),
      this.market.stocksByCode([tsCode]),
      this.freshnessOf([tsCode]),
    ]);
    return {
      tsCode,
      name: names.get(tsCode)?.name ?? tsCode,
      strategyId,
      strategyDescription: getStrategy(strategyId).description,
      latest: latest ? toSignalDto(latest) : null,
      freshness: freshness.items[0]!,
    };
  }

  /** GET /me/signals/freshness — per own stock: latest bar date vs the latest trading day. */
  async freshness(user: AuthUser): Promise<MyFreshnessDto> {
    return this.freshnessOf((await this.allocations.visibleStocks(user.id)).codes);
  }

  async freshnessOf(codes: readonly string[]): Promise<MyFreshnessDto> {
    const expectedDate = await this.expectedDate();
    if (codes.length === 0) return { expectedDate, items: [] };
    const rows = await this.store.latestBars(this.dataSource.manager, codes);
    const byCode = new Map(rows.map((r) => [r.tsCode, r]));
    const items: StockFreshnessDto[] = codes.map((tsCode) => {
      const r = byCode.get(tsCode);
      const latestBarDate = r?.latestBarDate ?? null;
      return { tsCode, latestBarDate, expectedDate, stale: latestBarDate === null || (expectedDate !== null && latestBarDate < expectedDate), synthetic: r?.synthetic === true };
    });
    return { expectedDate, items };
  }

  /**
   * The latest trading day whose data should be stored by now: the latest open day of the stored
   * calendar up to today (today only from 18:00 Asia/Shanghai); without a calendar, the latest
   * stored bar date.
   */
  async expectedDate(): Promise<string | null> {
    const now = this.clock.now();
    const today = shanghaiDate(now);
    const until = shanghaiMinutes(now) >= DATA_EXPECTED_AT_MINUTES ? today : addDays(today, -1);
    const days = await this.market.tradingDays(addDays(until, -30), until);
    return days[days.length - 1] ?? (await this.market.latestTradeDate());
  }
}

export function toSignalDto(r: IssuedSignalRow): SignalDto {
  return {
    tradeDate: r.tradeDate,
    tsCode: r.tsCode,
    strategyId: r.strategyId,
    version: r.version,
    action: r.action,
    score: r.score,
    close: r.close,
    reasons: r.reasons,
    forward: { '1': r.fwd1, '5': r.fwd5, '10': r.fwd10, '20': r.fwd20 },
    inChain: r.inChain,
  };
}
