import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UserEntities } from './users.entities.js';
import { UsersService } from './users.service.js';
import { UsersStore } from './users.store.js';

@Module({
  imports: [TypeOrmModule.forFeature(UserEntities)],
  providers: [UsersService, UsersStore],
  exports: [UsersService],
})
export class UsersModule {}
