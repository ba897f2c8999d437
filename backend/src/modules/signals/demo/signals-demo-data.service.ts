import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SignalsStore } from '../signals.store.js';

/**
 * Signals computed over demo bars, for the "leave demo mode" action (run by the demo-data module in
 * one transaction with the other modules' demo data): synthetic signals must never stay in the
 * published chain or the track record of a real install.
 */
@Injectable()
export class SignalsDemoDataService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: SignalsStore,
  ) {}

  summary(): Promise<{ days: number; firstDate: string | null }> {
    return this.store.publishedSummary(this.dataSource.manager);
  }

  /** Removes every signal day from `from` (the first demo bar date) on, with its chain links. */
  removeFrom(m: EntityManager, from: string): Promise<{ days: number; signals: number; chainLinks: number }> {
    return this.store.removeDaysFrom(m, from);
  }
}
