import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SyncUniverse } from '../market-data/sync/sync-universe.js';
import { AllocationStore } from './allocation.store.js';

/**
 * Which stocks are in use, for the modules that need it without reading allocation's and
 * stock-pool's tables themselves: the signal run's universe (exported service: signals imports this
 * module) and market-data's SyncUniverse hook (provided globally: market-data sits below allocation
 * and does not import it). One query each, as when the SQL lived there.
 */
@Injectable()
export class StocksInUseReader implements SyncUniverse {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: AllocationStore,
  ) {}

  /** Stocks of the active pool and every stock a member holds now, sorted. */
  codes(): Promise<string[]> {
    return this.store.stocksInUse(this.dataSource.manager);
  }

  /** SyncUniverse: also the draft pools' stocks, so a pool's data is there before it is activated. */
  perStockCodes(): Promise<string[]> {
    return this.store.stocksInUse(this.dataSource.manager, { draftPools: true });
  }
}
