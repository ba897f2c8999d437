import { Injectable } from '@nestjs/common';
import type { Seeder } from '../../database/seeds/seeder.js';
import { DEMO_UNIVERSE } from '../market-data/domain/demo-universe.js';
import type { Exchange } from '../market-data/domain/market-types.js';
import { StockListService } from '../market-data/stock-list/stock-list.service.js';
import { StockPoolService } from '../stock-pool/stock-pool.service.js';
import { PoolActivationService } from './pool-activation.service.js';

export const DEMO_POOL_NAME = '2026年Q4 演示股票池';
const DEMO_POOL_SIZE = 50;

/**
 * Demo data: the demo universe's stock basics (real codes and names; inserted only where missing,
 * so the market-data sync stays the owner of the rows) and, when no pool exists yet, an active demo
 * pool of 50 of them, activated through the real path so existing members are allocated too.
 */
@Injectable()
export class DemoPoolSeeder implements Seeder {
  readonly name = 'demo-stock-pool';
  readonly demoOnly = true;

  constructor(
    private readonly stockList: StockListService,
    private readonly pools: StockPoolService,
    private readonly activation: PoolActivationService,
  ) {}

  async run(): Promise<void> {
    const stocks = DEMO_UNIVERSE.map((s) => ({
      tsCode: s.tsCode,
      symbol: s.tsCode.slice(0, 6),
      exchange: s.tsCode.slice(7) as Exchange,
      name: s.name,
      industry: s.industry,
      listDate: s.listDate,
      status: s.delistDate ? ('delisted' as const) : ('listed' as const),
    }));
    await this.stockList.ensureBasics(stocks);
    const codes = stocks.filter((s) => s.status === 'listed').slice(0, DEMO_POOL_SIZE).map((s) => s.tsCode);
    const poolId = await this.pools.createSeedDraft({ name: DEMO_POOL_NAME, startsOn: '2026-10-01', endsOn: '2026-12-31', codes });
    if (poolId) await this.activation.activate(poolId, null, null);
  }
}
