import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '../users/users.module.js';
import { VipEntitlements } from './vip-entitlements.service.js';
import { VipExpiryProcessor, VipExpirySchedule } from './vip-expiry.processor.js';
import { VipController } from './vip.controller.js';
import { VipEntities } from './vip.entities.js';
import { VipService } from './vip.service.js';
import { VipStore } from './vip.store.js';
import { AuditModule } from '../audit/audit.module.js';

/**
 * VIP levels, subscriptions and grants, and what a membership gives (VipEntitlements: effective
 * levels and quotas, `UserDto` with its membership). Not global: a module that needs it imports it.
 */
@Module({
  imports: [TypeOrmModule.forFeature(VipEntities), UsersModule, AuditModule],
  controllers: [VipController],
  providers: [
    VipService,
    VipStore,
    VipExpiryProcessor,
    VipExpirySchedule,
    VipEntitlements,
  ],
  exports: [VipService, VipEntitlements],
})
export class VipModule {}
