import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { MarketDataStore } from '../market-data.store.js';

/**
 * Which stocks the per-stock sync covers, declared by the modules above market-data (it never reads
 * their tables and never calls up to them). Each module keeps its own set under its name (a
 * "tracker": `stock-pool` — the active and draft pools' stocks; `allocation` — the stocks members
 * hold) and writes it in the same transaction as the change that moves it, so the set cannot drift
 * from the owner's data:
 *
 * - `add` when codes may have joined (shared lock: concurrent adds do not wait on each other);
 * - `recheck` when codes may have left: the owner's `stillWanted` runs under the tracker's exclusive
 *   lock, so it sees every transaction that added codes and committed before it;
 * - `replace` for a whole new set (the owner's `current` runs under the same exclusive lock); the
 *   owners also call it once at boot, for a database migrated from before this table.
 *
 * Call these last in a transaction (after its row locks), as every writer does, so the advisory
 * lock never sits between two row locks.
 */
@Injectable()
export class TrackedStocksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: MarketDataStore,
  ) {}

  async add(m: EntityManager, tracker: string, codes: readonly string[]): Promise<void> {
    if (codes.length === 0) return;
    await this.store.lockTracker(m, tracker, 'shared');
    await this.store.addTracked(m, tracker, codes);
  }

  async recheck(m: EntityManager, tracker: string, codes: readonly string[], stillWanted: (m: EntityManager, codes: string[]) => Promise<readonly string[]>): Promise<void> {
    const distinct = [...new Set(codes)].sort();
    if (distinct.length === 0) return;
    await this.store.lockTracker(m, tracker, 'exclusive');
    await this.store.dropTracked(m, tracker, distinct, await stillWanted(m, distinct));
  }

  async replace(m: EntityManager, tracker: string, current: (m: EntityManager) => Promise<readonly string[]>): Promise<void> {
    await this.store.lockTracker(m, tracker, 'exclusive');
    const codes = await current(m);
    await this.store.dropTrackedExcept(m, tracker, codes);
    await this.store.addTracked(m, tracker, codes);
  }

  /** The per-stock sync's universe: every tracker's codes, distinct and sorted. */
  codes(): Promise<string[]> {
    return this.store.trackedCodes(this.dataSource.manager);
  }
}
