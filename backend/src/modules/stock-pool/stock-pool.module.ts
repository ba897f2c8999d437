import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MarketDataModule } from '../market-data/market-data.module.js';
import { StockPoolController } from './stock-pool.controller.js';
import { StockPoolEntities } from './stock-pool.entities.js';
import { StockPoolService } from './stock-pool.service.js';
import { StockPoolStore } from './stock-pool.store.js';
import { AuditModule } from '../audit/audit.module.js';

@Module({
  imports: [TypeOrmModule.forFeature(StockPoolEntities), MarketDataModule, AuditModule],
  controllers: [StockPoolController],
  providers: [StockPoolService, StockPoolStore],
  exports: [StockPoolService],
})
export class StockPoolModule {}
