import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EffectiveLevelSql, EntitlementReader } from '../users/entitlements.js';
import { UsersModule } from '../users/users.module.js';
import { VipEffectiveLevelSql, VipEntitlementReader } from './vip-entitlement.reader.js';
import { VipExpiryProcessor, VipExpirySchedule } from './vip-expiry.processor.js';
import { VipController } from './vip.controller.js';
import { VipEntities } from './vip.entities.js';
import { VipService } from './vip.service.js';
import { AuditModule } from '../audit/audit.module.js';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature(VipEntities), UsersModule, AuditModule],
  controllers: [VipController],
  providers: [
    VipService,
    VipExpiryProcessor,
    VipExpirySchedule,
    { provide: EntitlementReader, useClass: VipEntitlementReader },
    { provide: EffectiveLevelSql, useClass: VipEffectiveLevelSql },
  ],
  exports: [VipService, EntitlementReader, EffectiveLevelSql],
})
export class VipModule {}
