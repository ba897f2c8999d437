import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgentsModule } from '../agents/agents.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { UsersModule } from '../users/users.module.js';
import { VipModule } from '../vip/vip.module.js';
import { CardBatchesService } from './card-batches.service.js';
import { AgentCardKeysController, CardProjectsController, MemberCardKeysController, OpenCardKeysController } from './card-keys.controller.js';
import { CardKeysEntities } from './card-keys.entities.js';
import { CardKeysProcessor } from './card-keys.processor.js';
import { CardKeysService } from './card-keys.service.js';
import { CardKeysStore } from './card-keys.store.js';
import { CardOpenService } from './card-open.service.js';
import { CardProjectsService } from './card-projects.service.js';
import { CardRedeemService } from './card-redeem.service.js';
import { CardKeysDemoSeeder } from './card-keys-demo.seeder.js';
import { AuditModule } from '../audit/audit.module.js';

/**
 * Card keys (卡密): prices, batches paid from the ledger, redeem (VIP grant), void (refund),
 * outside projects with a signed verify API, unbind, stats. See README § Card keys.
 */
@Module({
  imports: [TypeOrmModule.forFeature(CardKeysEntities), AgentsModule, LedgerModule, UsersModule, VipModule, AuditModule],
  controllers: [AgentCardKeysController, MemberCardKeysController, CardProjectsController, OpenCardKeysController],
  providers: [CardKeysStore, CardBatchesService, CardRedeemService, CardProjectsService, CardOpenService, CardKeysService, CardKeysProcessor, CardKeysDemoSeeder],
  exports: [CardBatchesService, CardKeysDemoSeeder],
})
export class CardKeysModule {}
