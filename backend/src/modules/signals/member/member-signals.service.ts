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
import { SignalReadService } from './signal-read.service.js';

/** A trading day's bars are expected from this time (Asia/Shanghai): the daily signal run's hour. */
export const DATA_EXPECTED_AT_MINUTES = 18 * 60;

interface SignalSqlRow {
  trade_date: string;
  ts_code: string;
  strategy_id: string;
  version: number;
  action: SignalDto['action'];
  score: number;
  close: number;
  reasons: SignalDto['reasons'];
  in_chain: boolean;
  fwd_1: number | null;
  fwd_5: number | null;
  fwd_10: number | null;
  fwd_20: number | null;
}

/**
 * What a member sees: signals of their own currently held stocks only, from their effective level's
 * strategy, one per day (the version first published that day — as issued), published days only.
 */
@Injectable()
export class MemberSignalsService {
  constructor(
    private readonly dataSource: DataSource,
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
    const params = [strategyId, codes, q.from ?? '0001-01-01', q.to ?? '9999-12-31'];
    const where = `s.strategy_id = $1 AND s.ts_code = ANY($2::varchar[]) AND s.trade_date BETWEEN $3::date AND $4::date`;
    const [rows, count] = await Promise.all([
      this.dataSource.query(
        `SELECT * FROM (${issuedSql(where)}) x ORDER BY trade_date DESC, ts_code LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
        params,
      ) as Promise<SignalSqlRow[]>,
      this.dataSource.query(
        `SELECT count(*)::int AS n FROM (SELECT DISTINCT s.trade_date, s.ts_code FROM signals s JOIN signal_days d ON d.trade_date = s.trade_date AND d.status = 'published' WHERE ${where}) x`,
        params,
      ) as Promise<Array<{ n: number }>>,
    ]);
    return { items: rows.map(toSignalDto), total: count[0]?.n ?? 0, page: q.page, pageSize: q.pageSize, strategyId };
  }

  /** GET /me/signals/latest?tsCode — the detail page's latest signal with reasons and freshness. */
  async latest(user: AuthUser, tsCode: string): Promise<MyStockSignalSummaryDto> {
    const { codes: owned, vipLevel } = await this.allocations.visibleStocks(user.id);
    if (!owned.includes(tsCode)) throw AppException.forbidden('STOCK_NOT_OWNED', 'You can only see signals of stocks you hold');
    const strategyId = await this.reads.strategyForLevel(vipLevel);
    const [rows, names, freshness] = await Promise.all([
      this.dataSource.query(`SELECT * FROM (${issuedSql('s.strategy_id = $1 AND s.ts_code = $2')}) x ORDER BY trade_date DESC LIMIT 1`, [strategyId, tsCode]) as Promise<SignalSqlRow[]>,
      this.market.stocksByCode([tsCode]),
      this.freshnessOf([tsCode]),
    ]);
    return {
      tsCode,
      name: names.get(tsCode)?.name ?? tsCode,
      strategyId,
      strategyDescription: getStrategy(strategyId).description,
      latest: rows[0] ? toSignalDto(rows[0]) : null,
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
    const rows: Array<{ code: string; d: string | null; synthetic: boolean | null }> = await this.dataSource.query(
      `SELECT c.code, b.trade_date::text AS d, b.source = 'demo' AS synthetic
         FROM unnest($1::varchar[]) AS c(code)
         LEFT JOIN LATERAL (SELECT trade_date, source FROM daily_bars WHERE ts_code = c.code ORDER BY trade_date DESC LIMIT 1) b ON true`,
      [[...codes]],
    );
    const byCode = new Map(rows.map((r) => [r.code, r]));
    const items: StockFreshnessDto[] = codes.map((tsCode) => {
      const r = byCode.get(tsCode);
      const latestBarDate = r?.d ?? null;
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

/** Published signals, one per (date, stock): the first version published (as issued). */
function issuedSql(where: string): string {
  return `SELECT DISTINCT ON (s.trade_date, s.ts_code) s.trade_date::text, s.ts_code, s.strategy_id, s.version, s.action, s.score, s.close, s.reasons, s.in_chain,
                 r.fwd_1, r.fwd_5, r.fwd_10, r.fwd_20
            FROM signals s
            JOIN signal_days d ON d.trade_date = s.trade_date AND d.status = 'published'
            LEFT JOIN signal_returns r ON r.trade_date = s.trade_date AND r.ts_code = s.ts_code
           WHERE ${where}
           ORDER BY s.trade_date, s.ts_code, s.version`;
}

export function toSignalDto(r: SignalSqlRow): SignalDto {
  return {
    tradeDate: r.trade_date,
    tsCode: r.ts_code,
    strategyId: r.strategy_id,
    version: r.version,
    action: r.action,
    score: r.score,
    close: r.close,
    reasons: r.reasons,
    forward: { '1': r.fwd_1, '5': r.fwd_5, '10': r.fwd_10, '20': r.fwd_20 },
    inChain: r.in_chain,
  };
}
