import { Subscription } from './entities/subscription.entity.js';
import { VipGrant } from './entities/vip-grant.entity.js';
import { VipLevel } from './entities/vip-level.entity.js';
export const VipEntities = [VipLevel, Subscription, VipGrant];
