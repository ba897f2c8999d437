import { Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { UsersModule } from '../users/users.module.js';
import { VipModule } from '../vip/vip.module.js';
import { SubAgentsController, UserAdminController } from './user-admin.controller.js';
import { UserAdminService } from './user-admin.service.js';
import { AuditModule } from '../audit/audit.module.js';

@Module({ imports: [UsersModule, AuthModule, VipModule, AgentsModule, AuditModule], controllers: [UserAdminController, SubAgentsController], providers: [UserAdminService] })
export class UserAdminModule {}
