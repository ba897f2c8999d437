import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgentsModule } from '../agents/agents.module.js';
import { LedgerEntities } from './ledger.entities.js';
import { LedgerService } from './ledger.service.js';

@Module({
  imports: [TypeOrmModule.forFeature(LedgerEntities), AgentsModule],
  controllers: [],
  providers: [LedgerService],
  exports: [LedgerService],
})
export class LedgerModule {}
