import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../../common/clock.js';
import { addDays, chinaDateOf } from '../domain/trade-dates.js';
import { BACKFILL_CALENDAR_DAYS } from '../sync/market-sync.service.js';
import { MarketDataStore } from '../market-data.store.js';

export interface StockCoverage {
  tsCode: string;
  bars: number;
  syntheticBars: number;
  firstDate: string | null;
  lastDate: string | null;
  expectedDays: number;
  missingDays: number;
}

/** How much real market data is stored per stock over the backfill window (the admin's coverage view). */
@Injectable()
export class MarketCoverageService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: MarketDataStore,
    private readonly clock: Clock,
  ) {}

  async forCodes(codes: readonly string[]): Promise<{ from: string; to: string; items: Map<string, StockCoverage> }> {
    const to = chinaDateOf(this.clock.now());
    const from = addDays(to, -BACKFILL_CALENDAR_DAYS);
    const m = this.dataSource.manager;
    const expectedDays = await this.store.openDayCount(m, from, to);
    const rows = await this.store.barCoverage(m, codes, from, to);
    const items = new Map(rows.map((r) => [r.tsCode, { ...r, expectedDays, missingDays: Math.max(0, expectedDays - r.bars) }]));
    return { from, to, items };
  }
}
