import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EffectiveLevelSql, EntitlementReader } from '../users/entitlements.js';
import { VipEffectiveLevelSql, VipEntitlementReader } from './vip-entitlement.reader.js';
import { VipEntities } from './vip.entities.js';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature(VipEntities)],
  providers: [
    { provide: EntitlementReader, useClass: VipEntitlementReader },
    { provide: EffectiveLevelSql, useClass: VipEffectiveLevelSql },
  ],
  exports: [EntitlementReader, EffectiveLevelSql],
})
export class VipModule {}
