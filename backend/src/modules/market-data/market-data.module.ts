import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MarketCoverageService } from './bars/coverage.service.js';
import { DataSourcesController } from './data-sources/data-sources.controller.js';
import { DataSourcesService } from './data-sources/data-sources.service.js';
import { MarketDemoDataService } from './demo/market-demo-data.service.js';
import { MarketDemoSeeder } from './demo/market-demo.seeder.js';
import { MarketDataAdminController } from './market-data.controller.js';
import { MarketDataEntities } from './market-data.entities.js';
import { MarketDataService } from './market-data.service.js';
import { MarketDataStore } from './market-data.store.js';
import { MarketDataProcessor, MarketDataSchedule } from './sync/market-data.processor.js';
import { MarketSyncJobsService } from './sync/market-sync-jobs.service.js';
import { MarketSyncService } from './sync/market-sync.service.js';
import { PoolBackfillListener } from './sync/pool-backfill.listener.js';
import { TrackedStocksService } from './sync/tracked-stocks.service.js';
import { StockListService } from './stock-list/stock-list.service.js';
import { AuditModule } from '../audit/audit.module.js';

/**
 * Market data: the store (calendar, bars, factors, sync status), the data-source manager with its
 * admin routes, the sync job and its schedules, the demo seeder. Other modules use MarketDataService
 * (bars, latest trade date, trading days; allocation serves GET /market/bars with its access rule).
 * Which stocks the per-stock sync covers is declared by the modules above through
 * TrackedStocksService (their sets, written in their own transactions), so this module reads no
 * table of another and calls none above it.
 */
@Module({
  imports: [TypeOrmModule.forFeature(MarketDataEntities), AuditModule],
  controllers: [DataSourcesController, MarketDataAdminController],
  providers: [
    DataSourcesService,
    MarketDataStore,
    MarketSyncService,
    MarketSyncJobsService,
    MarketDataService,
    MarketDataProcessor,
    MarketDataSchedule,
    MarketDemoSeeder,
    MarketDemoDataService,
    StockListService,
    PoolBackfillListener,
    MarketCoverageService,
    TrackedStocksService,
  ],
  exports: [MarketDataService, DataSourcesService, MarketDemoDataService, StockListService, MarketCoverageService, TrackedStocksService],
})
export class MarketDataModule {}
