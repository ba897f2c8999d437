import { Module, type DynamicModule } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommonModule } from './common/common.module.js';
import type { AppConfig } from './config/config.js';
import { ConfigModule } from './config/config.module.js';
import { dataSourceOptions } from './database/data-source-options.js';
import { SeedRunner } from './database/seeds/seed-runner.js';
import type { QueueBackendKind } from './modules/jobs/queue-backend.js';
import { AllocationModule } from './modules/allocation/allocation.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { AgentsModule } from './modules/agents/agents.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { CardKeysModule } from './modules/card-keys/card-keys.module.js';
import { DemoDataModule } from './modules/demo-data/demo-data.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { JobsModule } from './modules/jobs/jobs.module.js';
import { LedgerModule } from './modules/ledger/ledger.module.js';
import { MailModule } from './modules/mail/mail.module.js';
import { PaymentsModule } from './modules/payments/payments.module.js';
import { MarketDataModule } from './modules/market-data/market-data.module.js';
import { SignalsModule } from './modules/signals/signals.module.js';
import { StockPoolModule } from './modules/stock-pool/stock-pool.module.js';
import { UsersModule } from './modules/users/users.module.js';
import { UserAdminModule } from './modules/user-admin/user-admin.module.js';
import { VipModule } from './modules/vip/vip.module.js';

export interface AppModuleOptions {
  config: AppConfig;
  databaseUrl: string;
  queueBackend: { kind: QueueBackendKind; connection: unknown };
}

/** Feature modules, one line each. */
const FEATURE_MODULES = [UsersModule, AuthModule, AuditModule, MailModule, VipModule, UserAdminModule, StockPoolModule, AllocationModule, MarketDataModule, SignalsModule, DemoDataModule, HealthModule, AgentsModule, LedgerModule, CardKeysModule, PaymentsModule];

@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl, queueBackend }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        CommonModule,
        TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl), autoLoadEntities: false }),
        EventEmitterModule.forRoot(),
        ScheduleModule.forRoot(),
        JobsModule.forRoot(queueBackend),
        ...FEATURE_MODULES,
      ],
      providers: [SeedRunner],
    };
  }
}
