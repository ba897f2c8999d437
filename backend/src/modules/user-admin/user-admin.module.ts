import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module.js';
import { UserAdminController } from './user-admin.controller.js';
import { UserAdminService } from './user-admin.service.js';

@Module({ imports: [UsersModule], controllers: [UserAdminController], providers: [UserAdminService] })
export class UserAdminModule {}
