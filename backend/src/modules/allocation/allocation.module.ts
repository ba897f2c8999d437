import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MarketDataModule } from '../market-data/market-data.module.js';
import { StockPoolModule } from '../stock-pool/stock-pool.module.js';
import { UsersModule } from '../users/users.module.js';
import { VipModule } from '../vip/vip.module.js';
import { AllocationExportService } from './allocation-export.service.js';
import { AllocationQueryService } from './allocation-query.service.js';
import { AdminAllocationsController, MarketBarsController, MyStocksController, PoolActivationController } from './allocation.controller.js';
import { AllocationEntities } from './allocation.entities.js';
import { AllocationListener } from './allocation.listener.js';
import { AllocationProcessor } from './allocation.processor.js';
import { AllocationService } from './allocation.service.js';
import { AllocationStore } from './allocation.store.js';
import { DemoPoolDataService } from './demo-pool-data.service.js';
import { DemoPoolSeeder } from './demo-pool.seeder.js';
import { HeldStocksTracker } from './held-stocks.tracker.js';
import { LevelReallocationService } from './level-reallocation.service.js';
import { PoolActivationService } from './pool-activation.service.js';
import { StocksInUseReader } from './stocks-in-use.reader.js';
import { AuditModule } from '../audit/audit.module.js';

/**
 * Allocation of pool stocks to members: triggers (registration, level change, a level's quota
 * change), pool activation as a background job, admin history / re-roll / replay / export, and the
 * member's GET /me/stocks (holdings, latest signals and day changes in one read model statement),
 * and GET /market/bars (its rule is the member's holdings; the bars come from market-data).
 * Not global: signals (StocksInUseReader, AllocationService) and demo-data (DemoPoolDataService)
 * import it. The stocks members hold go down to market data's tracked set (HeldStocksTracker, in the
 * transactions that draw and release); the demo pool seeder asks market-data and stock-pool for the rows.
 */
@Module({
  imports: [TypeOrmModule.forFeature(AllocationEntities), MarketDataModule, StockPoolModule, UsersModule, VipModule, AuditModule],
  controllers: [MyStocksController, PoolActivationController, AdminAllocationsController, MarketBarsController],
  providers: [
    AllocationStore,
    AllocationService,
    AllocationQueryService,
    AllocationExportService,
    PoolActivationService,
    LevelReallocationService,
    AllocationListener,
    AllocationProcessor,
    DemoPoolSeeder,
    DemoPoolDataService,
    StocksInUseReader,
    HeldStocksTracker,
  ],
  exports: [AllocationService, PoolActivationService, DemoPoolDataService, StocksInUseReader],
})
export class AllocationModule {}
