import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AllocationModule } from '../allocation/allocation.module.js';
import { MarketDataModule } from '../market-data/market-data.module.js';
import { StockPoolModule } from '../stock-pool/stock-pool.module.js';
import { VipModule } from '../vip/vip.module.js';
import { ChainService } from './chain/chain.service.js';
import { StrategyConfigService } from './config/strategy-config.service.js';
import { StrategyBackfillService } from './runs/strategy-backfill.service.js';
import { SignalsDemoDataService } from './demo/signals-demo-data.service.js';
import { SignalsDemoSeeder } from './demo/signals-demo.seeder.js';
import { ForwardReturnsService } from './evaluation/forward-returns.service.js';
import { SignalStatsService } from './evaluation/stats.service.js';
import { TrackRecordService } from './evaluation/track-record.service.js';
import { MemberSignalsService } from './member/member-signals.service.js';
import { SignalReadService } from './member/signal-read.service.js';
import { SignalDaysService } from './runs/signal-days.service.js';
import { SignalRunService } from './runs/signal-run.service.js';
import { SignalsProcessor, SignalsSchedule } from './runs/signals.processor.js';
import { MySignalsController, SignalsAdminController, SignalsPublicController } from './signals.controller.js';
import { SignalsEntities } from './signals.entities.js';
import { SignalsStore } from './signals.store.js';
import { AuditModule } from '../audit/audit.module.js';

/**
 * Signals: versioned strategy parameters, daily runs (queue `signals`, resumable, published
 * atomically, appended to the hash chain), forward returns and the track record with its random
 * baseline, members' signals. Not global: VIP checks strategy ids against the pure registry
 * (strategies/registry.ts), GET /me/stocks reads the latest signals in allocation's read model
 * (AllocationStore.myStocks), and the demo data module imports this one.
 */
@Module({
  imports: [TypeOrmModule.forFeature(SignalsEntities), MarketDataModule, AllocationModule, StockPoolModule, VipModule, AuditModule],
  controllers: [SignalsAdminController, SignalsPublicController, MySignalsController],
  providers: [
    StrategyConfigService,
    SignalsStore,
    ChainService,
    ForwardReturnsService,
    SignalRunService,
    SignalDaysService,
    SignalsProcessor,
    SignalsSchedule,
    SignalStatsService,
    TrackRecordService,
    SignalReadService,
    MemberSignalsService,
    SignalsDemoSeeder,
    SignalsDemoDataService,
    StrategyBackfillService,
  ],
  exports: [SignalRunService, StrategyConfigService, SignalsDemoDataService],
})
export class SignalsModule {}
