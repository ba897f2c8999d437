import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgentsController } from './agents.controller.js';
import { AgentsEntities } from './agents.entities.js';
import { AgentsService } from './agents.service.js';
import { AuditModule } from '../audit/audit.module.js';

/** Agent hierarchy and scoping. Agent accounts are created through user-admin (the normal user path). */
@Module({
  imports: [TypeOrmModule.forFeature(AgentsEntities), AuditModule],
  controllers: [AgentsController],
  providers: [AgentsService],
  exports: [AgentsService],
})
export class AgentsModule {}
