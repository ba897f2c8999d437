import { Module } from '@nestjs/common';
import { AllocationModule } from '../allocation/allocation.module.js';
import { MarketDataModule } from '../market-data/market-data.module.js';
import { SignalsModule } from '../signals/signals.module.js';
import { StockPoolModule } from '../stock-pool/stock-pool.module.js';
import { DemoDataController } from './demo-data.controller.js';
import { DemoDataService } from './demo-data.service.js';
import { DemoDataStore } from './demo-data.store.js';
import { AuditModule } from '../audit/audit.module.js';

/**
 * Leaving demo mode: one transaction over the demo data of market-data, allocation, stock-pool and
 * signals, each removed by its own module's exported service. Owns no table.
 */
@Module({
  imports: [MarketDataModule, AllocationModule, SignalsModule, StockPoolModule, AuditModule],
  controllers: [DemoDataController],
  providers: [DemoDataService, DemoDataStore],
  exports: [DemoDataService],
})
export class DemoDataModule {}
