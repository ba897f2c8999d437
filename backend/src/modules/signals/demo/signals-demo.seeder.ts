import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Seeder } from '../../../database/seeds/seeder.js';
import { MarketDataService } from '../../market-data/market-data.service.js';
import { DataSourcesService } from '../../market-data/data-sources/data-sources.service.js';
import { ForwardReturnsService } from '../evaluation/forward-returns.service.js';
import { SignalRunService } from '../runs/signal-run.service.js';
import { SignalsStore } from '../signals.store.js';

/** Trading days of demo signals computed on first start. */
export const DEMO_SIGNAL_DAYS = 60;
/** Days computed at once (the work is mostly waiting for PostgreSQL). */
const PARALLEL_DAYS = 3;

/**
 * DEMO_DATA only: computes signals over the demo bars for the last ~60 stored trading days through
 * the real run code (in-process, published oldest first, so the chain is in date order), then fills forward
 * returns once — a new member sees signals and a track record at once. Idempotent: published days
 * re-run to identical rows and publish nothing. Skipped while a real source is configured.
 */
@Injectable()
export class SignalsDemoSeeder implements Seeder {
  readonly name = 'signals-demo';
  readonly demoOnly = true;
  private readonly logger = new Logger('Seeds');

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: SignalsStore,
    private readonly runs: SignalRunService,
    private readonly forward: ForwardReturnsService,
    private readonly sources: DataSourcesService,
    private readonly market: MarketDataService,
  ) {}

  async run(): Promise<void> {
    // Synthetic signals never enter the published chain or the stats of a real install.
    await this.sources.refreshFromStore();
    if (this.sources.hasRealSource()) {
      this.logger.warn('DEMO_DATA: a real data source is configured, so no demo signals are published');
      return;
    }
    const barDays = await this.market.latestBarDates(DEMO_SIGNAL_DAYS);
    const days = await this.store.unpublishedDates(this.dataSource.manager, barDays);
    if (days.length === 0) return;
    // Compute the days a few at a time, unpublished; then publish them oldest first (each a resume
    // with nothing left to compute), so the chain is in date order.
    const queue = [...days];
    const worker = async () => {
      for (let d = queue.shift(); d !== undefined; d = queue.shift()) await this.runs.runDay(null, d, { publish: false });
    };
    await Promise.all(Array.from({ length: PARALLEL_DAYS }, worker));
    let published = 0;
    for (const d of days) published += (await this.runs.runDay(null, d, { fillForward: false })).published;
    const filled = await this.forward.fill(days[0]!);
    this.logger.log(`demo signals: ${published} rows over ${days.length} trading days, ${filled.updated} forward returns`);
  }
}
