import { Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module.js';
import { UsersModule } from '../users/users.module.js';
import { SubAgentsController, UserAdminController } from './user-admin.controller.js';
import { UserAdminService } from './user-admin.service.js';

@Module({ imports: [UsersModule, AgentsModule], controllers: [UserAdminController, SubAgentsController], providers: [UserAdminService] })
export class UserAdminModule {}
