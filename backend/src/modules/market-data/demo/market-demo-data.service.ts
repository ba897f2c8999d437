import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MarketStore } from '../sync/market-store.js';

/**
 * The synthetic market data the demo seeder wrote (source `demo`), for the "leave demo mode" action
 * (the demo-data module runs it in one transaction with the other modules' demo data).
 */
@Injectable()
export class MarketDemoDataService {
  constructor(private readonly store: MarketStore) {}

  summary(): Promise<{ bars: number; firstDate: string | null; lastDate: string | null }> {
    return this.store.demoSummary();
  }

  /** Removes every synthetic bar, factor, demo-sourced sync record and demo calendar day. */
  remove(m: EntityManager): Promise<{ bars: number; factors: number; dates: number; calendarDays: number }> {
    return this.store.removeDemoRows(m);
  }
}
