import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DEMO_UNIVERSE } from '../market-data/domain/demo-universe.js';
import { MarketDataService } from '../market-data/market-data.service.js';
import { StockPoolService } from '../stock-pool/stock-pool.service.js';
import { AllocationStore } from './allocation.store.js';
import { HeldStocksTracker } from './held-stocks.tracker.js';
import { DEMO_POOL_NAME } from './demo-pool.seeder.js';

/**
 * The demo pool and demo stocks the DemoPoolSeeder wrote, for the "leave demo mode" action (run by
 * the demo-data module in one transaction with the other modules' demo data).
 */
@Injectable()
export class DemoPoolDataService {
  constructor(
    private readonly store: AllocationStore,
    private readonly pools: StockPoolService,
    private readonly market: MarketDataService,
    private readonly heldStocks: HeldStocksTracker,
  ) {}

  /** Removes the demo pool(s) with their allocations and draws, then demo stocks no other pool lists. */
  async remove(m: EntityManager): Promise<{ pools: number; allocations: number; draws: number; stocks: number }> {
    let allocations = 0;
    let draws = 0;
    const ids = await this.pools.poolIdsNamed(DEMO_POOL_NAME, m);
    for (const id of ids) {
      const gone = await this.store.deletePoolHistory(m, id);
      allocations += gone.allocations;
      draws += gone.draws;
      await this.pools.deletePoolIn(m, id);
    }
    if (allocations > 0) await this.heldStocks.resync(m);
    // Real codes, seeded only where missing: a stock-list sync from a real source puts the real rows back.
    const stocks = await this.market.deleteStocksIn(m, await this.pools.codesOutsidePools(m, DEMO_UNIVERSE.map((s) => s.tsCode)));
    return { pools: ids.length, allocations, draws, stocks };
  }
}
