import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgentsModule } from '../agents/agents.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { UsersModule } from '../users/users.module.js';
import { DemoAgentsSeeder } from './demo-agents.seeder.js';
import { LedgerCheckProcessor, LedgerCheckSchedule } from './ledger-check.processor.js';
import { LedgerOperationsService } from './ledger-operations.service.js';
import { LedgerReportsService } from './ledger-reports.service.js';
import { AdminLedgerController, LedgerController } from './ledger.controller.js';
import { LedgerEntities } from './ledger.entities.js';
import { LedgerService } from './ledger.service.js';
import { AuditModule } from '../audit/audit.module.js';

/** The quota ledger (额度). Other modules post through `LedgerService.postIn` inside their own transaction. */
@Module({
  imports: [TypeOrmModule.forFeature(LedgerEntities), AgentsModule, AuthModule, UsersModule, AuditModule],
  controllers: [LedgerController, AdminLedgerController],
  providers: [LedgerService, LedgerOperationsService, LedgerReportsService, LedgerCheckProcessor, LedgerCheckSchedule, DemoAgentsSeeder],
  exports: [LedgerService],
})
export class LedgerModule {}
