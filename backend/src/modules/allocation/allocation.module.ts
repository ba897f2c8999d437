import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StockPoolModule } from '../stock-pool/stock-pool.module.js';
import { UsersModule } from '../users/users.module.js';
import { AllocationExportService } from './allocation-export.service.js';
import { AllocationQueryService } from './allocation-query.service.js';
import { AdminAllocationsController, MyStocksController, PoolActivationController } from './allocation.controller.js';
import { AllocationEntities } from './allocation.entities.js';
import { AllocationListener } from './allocation.listener.js';
import { AllocationProcessor } from './allocation.processor.js';
import { AllocationService } from './allocation.service.js';
import { AllocationStore } from './allocation.store.js';
import { DemoPoolSeeder } from './demo-pool.seeder.js';
import { PoolActivationService } from './pool-activation.service.js';

/**
 * Allocation of pool stocks to members: triggers (registration, level change), pool activation as a
 * background job, admin history / re-roll / replay / export, and the member's GET /me/stocks.
 * `LatestSignalReader` is optional here (see latest-signal.reader.ts).
 */
@Module({
  imports: [TypeOrmModule.forFeature(AllocationEntities), StockPoolModule, UsersModule],
  controllers: [MyStocksController, PoolActivationController, AdminAllocationsController],
  providers: [AllocationStore, AllocationService, AllocationQueryService, AllocationExportService, PoolActivationService, AllocationListener, AllocationProcessor, DemoPoolSeeder],
  exports: [AllocationService, PoolActivationService],
})
export class AllocationModule {}
