import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { TrackedStocksService } from '../market-data/sync/tracked-stocks.service.js';
import { AllocationStore } from './allocation.store.js';

/** Market data's per-stock sync covers every stock a member holds: this module's set there. */
export const HELD_STOCKS_TRACKER = 'allocation';

/** What one transaction did to the members' holdings: codes drawn, codes released. */
export class HeldChanges {
  readonly added: string[] = [];
  readonly released: string[] = [];
}

/**
 * Keeps this module's tracked set in market data equal to the stocks members hold (unreleased
 * allocations), written in the transaction that changes them: `apply` goes LAST in that transaction
 * (after every row lock), released codes are re-checked against the allocations under the set's
 * exclusive lock, drawn ones added under its shared lock. Market data sits below this module, so
 * it is told (a call down), never asks.
 */
@Injectable()
export class HeldStocksTracker implements OnApplicationBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: AllocationStore,
    private readonly tracked: TrackedStocksService,
  ) {}

  /** A database migrated from before the tracked set (or restored from a dump) gets it at boot. */
  async onApplicationBootstrap(): Promise<void> {
    await this.dataSource.transaction((m) => this.resync(m));
  }

  async apply(m: EntityManager, changes: HeldChanges): Promise<void> {
    await this.tracked.recheck(m, HELD_STOCKS_TRACKER, changes.released, (tx, codes) => this.store.heldAmong(tx, codes));
    await this.tracked.add(m, HELD_STOCKS_TRACKER, changes.added);
  }

  /** The whole set again (after a release whose codes were not returned, or at boot). */
  resync(m: EntityManager): Promise<void> {
    return this.tracked.replace(m, HELD_STOCKS_TRACKER, (tx) => this.store.heldStocks(tx));
  }
}
