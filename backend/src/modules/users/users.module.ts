import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MeController } from './users.controller.js';
import { UserEntities } from './users.entities.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [TypeOrmModule.forFeature(UserEntities)],
  controllers: [MeController],
  providers: [UsersService],
  exports: [UsersService],
})
export class UsersModule {}
