import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StockPoolController } from './stock-pool.controller.js';
import { StockPoolEntities } from './stock-pool.entities.js';
import { StockPoolService } from './stock-pool.service.js';

@Module({
  imports: [TypeOrmModule.forFeature(StockPoolEntities)],
  controllers: [StockPoolController],
  providers: [StockPoolService],
  exports: [StockPoolService],
})
export class StockPoolModule {}
