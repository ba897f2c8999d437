import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../../common/clock.js';
import type { Seeder } from '../../../database/seeds/seeder.js';
import { DataSourcesService } from '../data-sources/data-sources.service.js';
import { DemoMarket } from '../domain/demo-market.js';
import type { AdjFactor, DailyBar } from '../domain/market-types.js';
import { addDays, chinaDateOf } from '../domain/trade-dates.js';
import { DemoProvider } from '../providers/demo.provider.js';
import { isComplete } from '../sync/market-sync.service.js';
import { MarketDataStore } from '../market-data.store.js';

/** Trading days of demo history members see on first start. */
export const DEMO_HISTORY_DAYS = 300;

/**
 * DEMO_DATA only: the trade calendar, stock basics and ~300 trading days of SYNTHETIC bars and
 * factors for the demo universe, generated in-process by DemoMarket and bulk-inserted (well under a
 * second), so members see charts on first start without any data source. Rows are stored with
 * source `demo` and shown as "演示数据". Idempotent: dates already complete (from any source) and
 * stored calendar days and stocks are left alone; a later sync from a real source replaces demo dates.
 * Skipped entirely while a real source (Tushare, AKTools) is configured.
 */
@Injectable()
export class MarketDemoSeeder implements Seeder {
  readonly name = 'market-data-demo';
  readonly demoOnly = true;
  private readonly logger = new Logger('Seeds');

  constructor(
    private readonly store: MarketDataStore,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly sources: DataSourcesService,
  ) {}

  async run(): Promise<void> {
    // Demo never mixes with real data: with a real source configured no synthetic bar is written
    // under real codes (the sync stores the real ones).
    await this.sources.refreshFromStore();
    if (this.sources.hasRealSource()) {
      this.logger.warn('DEMO_DATA: a real data source is configured, so no synthetic market data is seeded');
      return;
    }
    const market = new DemoMarket();
    const source = DemoProvider.providerName;
    const now = this.clock.now();
    const today = chinaDateOf(now);
    let from = today;
    for (let seen = 0; ; from = addDays(from, -1)) {
      if (market.isTradingDay(from) && ++seen === DEMO_HISTORY_DAYS) break;
    }
    // The calendar runs to the end of next year, as an exchange publishes it ahead.
    const m = this.dataSource.manager;
    await this.store.upsertCalendar(m, market.calendar(from, `${Number(today.slice(0, 4)) + 1}-12-31`), source, now, true);
    await this.store.upsertStockBasics(m, market.stockBasics(), false, true);

    const dates = market.tradingDays(from, today);
    const states = await this.store.dateStates(m, dates);
    const pending = dates.filter((d) => !isComplete(states.get(d), false));
    if (pending.length === 0) return;
    const bars: DailyBar[] = [];
    const factors: AdjFactor[] = [];
    for (const date of pending) {
      bars.push(...market.barsForDate(date));
      factors.push(...market.adjFactorsForDate(date));
    }
    const perDate = new Map<string, number>();
    for (const bar of bars) perDate.set(bar.tradeDate, (perDate.get(bar.tradeDate) ?? 0) + 1);
    // Rows and their date records in one transaction (the store's fresh-date invariant).
    await this.dataSource.transaction(async (tx) => {
      await this.store.upsertBars(tx, bars, source);
      await this.store.upsertFactors(tx, factors, source);
      for (const date of pending) {
        await this.store.markDate(tx, {
          tradeDate: date,
          scope: 'market',
          barsComplete: true,
          factorsComplete: true,
          source,
          factorSource: source,
          rows: perDate.get(date) ?? 0,
          rejected: 0,
          at: now,
        });
      }
    });
    this.logger.log(`demo market data: ${bars.length} synthetic bars for ${pending.length} trading days (${pending[0]}..${pending[pending.length - 1]})`);
  }
}
