import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { MarketDataStore, type DemoSummary, type RemovedDemoRows } from '../market-data.store.js';

/**
 * The synthetic market data the demo seeder wrote (source `demo`), for the "leave demo mode" action
 * (the demo-data module runs it in one transaction with the other modules' demo data).
 */
@Injectable()
export class MarketDemoDataService {
  /** Per-process cache of the stocks with synthetic bars (read on every /me/stocks; changes rarely). */
  private cache: { at: number; codes: Promise<Set<string>> } | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: MarketDataStore,
  ) {}

  /** Stocks with synthetic bars stored, cached for a minute (cleared when demo data is removed here). */
  syntheticCodes(): Promise<Set<string>> {
    const now = Date.now();
    if (!this.cache || now - this.cache.at > 60_000) {
      const codes = this.store.syntheticCodes(this.dataSource.manager).then((c) => new Set(c));
      codes.catch(() => {
        this.cache = null;
      });
      this.cache = { at: now, codes };
    }
    return this.cache.codes;
  }

  summary(): Promise<DemoSummary> {
    return this.store.demoSummary(this.dataSource.manager);
  }

  /** Removes every synthetic bar, factor, demo-sourced sync record and demo calendar day. */
  async remove(m: EntityManager): Promise<RemovedDemoRows> {
    this.cache = null;
    const removed = await this.store.removeDemoRows(m);
    this.cache = null;
    return removed;
  }
}
