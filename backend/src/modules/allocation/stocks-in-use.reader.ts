import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AllocationStore } from './allocation.store.js';

/**
 * Which stocks are in use, for the signal run's universe (signals imports this module) without
 * reading allocation's and stock-pool's tables itself. (Market data's per-stock sync has its own
 * tracked set, which stock-pool and HeldStocksTracker keep current in their transactions.)
 */
@Injectable()
export class StocksInUseReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: AllocationStore,
  ) {}

  /** Stocks of the active pool and every stock a member holds now, sorted. */
  codes(): Promise<string[]> {
    return this.store.stocksInUse(this.dataSource.manager);
  }
}
