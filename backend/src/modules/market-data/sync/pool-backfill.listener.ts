import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { STOCK_POOL_STOCKS_ADDED, type StockPoolStocksAddedEvent } from '../../stock-pool/stock-pool.events.js';
import { DataSourcesService } from '../data-sources/data-sources.service.js';
import { MarketSyncJobsService } from './market-sync-jobs.service.js';

/**
 * A stock newly entering a pool gets its history backfilled per stock (the whole-market path only
 * covers dates, not a stock's past), when a real source is enabled. The job skips stocks whose
 * history is already stored, so re-adding costs nothing.
 */
@Injectable()
export class PoolBackfillListener {
  private readonly logger = new Logger('MarketSync');

  constructor(
    private readonly sources: DataSourcesService,
    private readonly syncs: MarketSyncJobsService,
  ) {}

  @OnEvent(STOCK_POOL_STOCKS_ADDED, { async: true, promisify: true, suppressErrors: true })
  async onStocksAdded(event: StockPoolStocksAddedEvent): Promise<void> {
    try {
      await this.sources.refreshFromStore();
      if (!this.sources.hasRealSource() || event.codes.length === 0) return;
      const job = await this.syncs.startBackfill(event.codes, event.operatorId);
      this.logger.log(`pool ${event.poolId}: history backfill of ${event.codes.length} stocks queued (${job.id})`);
    } catch (e) {
      this.logger.error(`pool ${event.poolId}: backfill not queued: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
